namespace Campaigns.Core.Accounts;

/// <summary>An API key as listed: never its secret, which is shown once when created.</summary>
public sealed record ApiKey(
    long Id,
    string Name,
    string Prefix,
    IReadOnlyList<string> Scopes,
    long? CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;

    public bool Allows(string scope) => !IsRevoked && Scopes.Contains(scope);
}
