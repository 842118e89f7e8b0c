using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fluid;
using Fluid.Values;

namespace Campaigns.Mail.Templates;

/// <summary>
/// What the templates of one message see about its recipient (<c>subscriber</c>, <c>campaign</c>, the links), built
/// once per recipient and shared by the subject, HTML and text renders; each render gets its own context, so an
/// assignment in one part does not leak into another.
/// </summary>
public sealed class TemplateValues
{
    private readonly Dictionary<string, object?> _subscriber;
    private readonly Dictionary<string, object?> _campaign;
    private readonly MessageModel _model;

    private TemplateValues(MessageModel model)
    {
        _model = model;
        _subscriber = new Dictionary<string, object?>
        {
            ["email"] = model.Email,
            ["name"] = model.Name,
            ["first_name"] = FirstName(model),
            ["attributes"] = ToPlain(model.Attributes),
        };
        _campaign = new Dictionary<string, object?> { ["name"] = model.CampaignName, ["subject"] = model.Subject };
    }

    public static TemplateValues Of(MessageModel model) => new(model);

    internal TemplateContext NewContext(TemplateOptions options, string? content)
    {
        var context = new TemplateContext(options);
        context.SetValue("subscriber", _subscriber);
        context.SetValue("campaign", _campaign);
        context.SetValue("unsubscribe_url", _model.UnsubscribeUrl);
        context.SetValue("preferences_url", _model.PreferencesUrl);
        context.SetValue("view_url", _model.ViewUrl);
        if (content is not null)
        {
            context.SetValue("content", new StringValue(content, encode: false));
        }

        return context;
    }

    private static string FirstName(MessageModel model) =>
        model.Attributes["first_name"]?.GetValueKind() == JsonValueKind.String
            ? (string)model.Attributes["first_name"]!
            : model.Name.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";

    private static object? ToPlain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => p.Key, p => ToPlain(p.Value)),
        JsonArray a => a.Select(ToPlain).ToList(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => decimal.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        _ => null,
    };
}
