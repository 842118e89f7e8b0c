namespace Campaigns.Core.Accounts;

/// <summary>What an API key may do, one read and one write scope per area; "campaigns:send" starts, pauses and cancels.</summary>
public static class ApiScopes
{
    public const string ListsRead = "lists:read";
    public const string ListsWrite = "lists:write";
    public const string SubscribersRead = "subscribers:read";
    public const string SubscribersWrite = "subscribers:write";
    public const string TemplatesRead = "templates:read";
    public const string TemplatesWrite = "templates:write";
    public const string CampaignsRead = "campaigns:read";
    public const string CampaignsWrite = "campaigns:write";
    public const string CampaignsSend = "campaigns:send";

    public static IReadOnlyList<string> All { get; } =
    [
        ListsRead, ListsWrite, SubscribersRead, SubscribersWrite, TemplatesRead, TemplatesWrite, CampaignsRead, CampaignsWrite, CampaignsSend,
    ];

    /// <summary>The scopes a key created by someone of <paramref name="role"/> may carry: no more than the person could do.</summary>
    public static IReadOnlyList<string> AllowedFor(UserRole role) => role switch
    {
        UserRole.Viewer => [.. All.Where(s => s.EndsWith(":read", StringComparison.Ordinal))],
        _ => All,
    };
}
