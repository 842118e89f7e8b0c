using System.Text.Json.Nodes;

namespace Campaigns.Mail.Templates;

/// <summary>What a template can say about one recipient of one campaign.</summary>
public sealed record MessageModel(
    string Email,
    string Name,
    JsonObject Attributes,
    string CampaignName,
    string Subject,
    string UnsubscribeUrl,
    string PreferencesUrl,
    string ViewUrl)
{
    /// <summary>A made-up subscriber for previews and for trying a template out when it is saved.</summary>
    public static MessageModel Sample => new(
        "ann.example@example.com", "Ann Example", new JsonObject { ["first_name"] = "Ann", ["city"] = "Oslo" },
        "Sample campaign", "Sample subject", "https://example.com/unsubscribe", "https://example.com/preferences", "https://example.com/view");
}
