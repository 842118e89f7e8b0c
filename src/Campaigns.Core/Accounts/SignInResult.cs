namespace Campaigns.Core.Accounts;

/// <summary>What a sign-in attempt came to. Failures say nothing about whether the email exists.</summary>
public sealed record SignInResult(User? User, string? SecurityStamp, DateTimeOffset? LockedUntil)
{
    public bool Succeeded => User is not null;

    public bool IsLockedOut => LockedUntil is not null;

    public static SignInResult Failed { get; } = new(null, null, null);
}
