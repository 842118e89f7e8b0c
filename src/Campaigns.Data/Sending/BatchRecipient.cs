namespace Campaigns.Data.Sending;

/// <summary>
/// A recipient of a batch as the database holds it when the batch starts. <see cref="Skip"/> says why the
/// recipient is no longer mailed (unsubscribed, blocklisted or suppressed since the campaign was planned).
/// </summary>
public sealed record BatchRecipient(long SubscriberId, string Email, string EmailKey, string Name, string AttributesJson, int Attempts, string? Skip)
{
    public string Domain => EmailKey[(EmailKey.LastIndexOf('@') + 1)..];
}
