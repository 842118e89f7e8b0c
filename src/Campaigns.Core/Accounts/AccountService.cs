using System.Security.Cryptography;
using Campaigns.Core.Common;
using Campaigns.Core.Subscribers;

namespace Campaigns.Core.Accounts;

/// <summary>
/// Users and signing in: the one-time first admin, password checks with lockout after repeated failures,
/// role changes and "sign out everywhere" (a new security stamp invalidates every cookie issued before).
/// </summary>
public sealed class AccountService(IUserStore users, IPasswordHasher hasher, IClock clock)
{
    /// <summary>Failures in a row before the account is locked.</summary>
    public const int MaxFailedAttempts = 5;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public async Task<bool> NeedsFirstAdminAsync(CancellationToken cancellationToken = default) =>
        await users.CountAsync(cancellationToken) == 0;

    /// <summary>Creates the first admin; fails once anyone exists, so the set-up page works exactly once.</summary>
    public async Task<User> CreateFirstAdminAsync(string email, string name, string password, CancellationToken cancellationToken = default)
    {
        var address = ValidEmail(email);
        PasswordPolicy.Check(password, address);
        var user = await users.CreateFirstAsync(address, ValidName(name), hasher.Hash(password), NewStamp(), cancellationToken);
        return user ?? throw new ValidationException("An administrator already exists; sign in instead.");
    }

    public async Task<User> CreateUserAsync(string email, string name, UserRole role, string password, CancellationToken cancellationToken = default)
    {
        var address = ValidEmail(email);
        PasswordPolicy.Check(password, address);
        return await users.CreateAsync(address, ValidName(name), role, hasher.Hash(password), NewStamp(), cancellationToken);
    }

    public async Task<SignInResult> SignInAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        var found = string.IsNullOrWhiteSpace(email) ? null : await users.FindCredentialsAsync(email.Trim(), cancellationToken);
        if (found is null)
        {
            // Same work as a real check, so response time does not tell which emails exist.
            hasher.Verify(DummyHash.Value, password ?? "");
            return SignInResult.Failed;
        }

        var now = clock.UtcNow;
        if (found.User.LockedUntil is { } until && until > now)
        {
            return new SignInResult(null, null, until);
        }

        var check = hasher.Verify(found.PasswordHash, password ?? "");
        if (check == PasswordCheck.Failed)
        {
            // A lock that has run out starts a fresh count.
            var attempts = (found.User.LockedUntil is null ? found.FailedAttempts : 0) + 1;
            DateTimeOffset? lockUntil = attempts >= MaxFailedAttempts ? now + LockoutDuration : null;
            await users.RecordFailureAsync(found.User.Id, lockUntil, cancellationToken);
            return lockUntil is null ? SignInResult.Failed : new SignInResult(null, null, lockUntil);
        }

        var rehash = check == PasswordCheck.SuccessRehashNeeded ? hasher.Hash(password!) : null;
        await users.RecordSignInAsync(found.User.Id, now, rehash, cancellationToken);
        return new SignInResult(found.User with { LastSignInAt = now, LockedUntil = null }, found.SecurityStamp, null);
    }

    /// <summary>Every session of the user ends at its next request (or within a minute on an open page).</summary>
    public Task SignOutEverywhereAsync(long userId, CancellationToken cancellationToken = default) =>
        users.UpdateAsync(userId, null, null, NewStamp(), cancellationToken);

    public async Task ChangeRoleAsync(long userId, UserRole role, CancellationToken cancellationToken = default)
    {
        var user = await users.GetAsync(userId, cancellationToken) ?? throw new NotFoundException($"User {userId} does not exist.");
        if (user.Role == UserRole.Admin && role != UserRole.Admin && await users.CountAdminsAsync(cancellationToken) <= 1)
        {
            throw new ValidationException("This is the last administrator; make someone else an administrator first.", "role");
        }

        await users.UpdateAsync(userId, role, null, NewStamp(), cancellationToken);
    }

    public async Task ChangePasswordAsync(long userId, string password, CancellationToken cancellationToken = default)
    {
        var user = await users.GetAsync(userId, cancellationToken) ?? throw new NotFoundException($"User {userId} does not exist.");
        PasswordPolicy.Check(password, user.Email);
        await users.UpdateAsync(userId, null, hasher.Hash(password), NewStamp(), cancellationToken);
    }

    public async Task DeleteUserAsync(long userId, CancellationToken cancellationToken = default)
    {
        if (!await users.DeleteAsync(userId, cancellationToken))
        {
            throw new ValidationException("The last administrator cannot be deleted.");
        }
    }

    public Task<IReadOnlyList<User>> ListUsersAsync(CancellationToken cancellationToken = default) => users.ListAsync(cancellationToken);

    public Task<User?> GetUserAsync(long userId, CancellationToken cancellationToken = default) => users.GetAsync(userId, cancellationToken);

    /// <summary>True while the stamp a session was issued with is still the user's current one.</summary>
    public async Task<bool> IsSessionValidAsync(long userId, string stamp, CancellationToken cancellationToken = default)
    {
        var current = await users.GetSecurityStampAsync(userId, cancellationToken);
        return current is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(current), System.Text.Encoding.ASCII.GetBytes(stamp ?? ""));
    }

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private static string ValidEmail(string email)
    {
        if (!EmailAddress.TryNormalize(email ?? "", out var normalized, out var error))
        {
            throw new ValidationException($"The email address is not valid: {error}.", "email");
        }

        return normalized.Email;
    }

    private static string ValidName(string? name)
    {
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length > 200 || trimmed.Any(char.IsControl))
        {
            throw new ValidationException("The name must be one line of at most 200 characters.", "name");
        }

        return trimmed;
    }

    private Lazy<string> DummyHash => _dummy ??= new Lazy<string>(() => hasher.Hash(Convert.ToHexString(RandomNumberGenerator.GetBytes(16))));

    private Lazy<string>? _dummy;
}
