namespace Campaigns.Core.Accounts;

/// <summary>A person who signs in to the admin UI.</summary>
public sealed record User(
    long Id,
    string Email,
    string Name,
    UserRole Role,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSignInAt,
    DateTimeOffset? LockedUntil)
{
    public bool Can(UserRole needed) => Role >= needed;
}
