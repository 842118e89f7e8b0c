namespace Campaigns.Core.Accounts;

/// <summary>A user with what signing in checks: the password hash, the security stamp and the failure count.</summary>
public sealed record UserCredentials(User User, string PasswordHash, string SecurityStamp, int FailedAttempts);
