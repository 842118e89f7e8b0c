namespace Campaigns.Core.Accounts;

public interface IUserStore
{
    Task<long> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates the first admin in one statement that does nothing when any user exists; null then.</summary>
    Task<User?> CreateFirstAsync(string email, string name, string passwordHash, string securityStamp, CancellationToken cancellationToken = default);

    /// <summary>Creates a user; throws <see cref="Common.ValidationException"/> when the email is taken.</summary>
    Task<User> CreateAsync(string email, string name, UserRole role, string passwordHash, string securityStamp, CancellationToken cancellationToken = default);

    Task<User?> GetAsync(long id, CancellationToken cancellationToken = default);

    Task<UserCredentials?> FindCredentialsAsync(string email, CancellationToken cancellationToken = default);

    Task<string?> GetSecurityStampAsync(long id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Counts a failed sign-in; locks the account until <paramref name="lockUntil"/> when given.</summary>
    Task RecordFailureAsync(long id, DateTimeOffset? lockUntil, CancellationToken cancellationToken = default);

    Task RecordSignInAsync(long id, DateTimeOffset at, string? newPasswordHash, CancellationToken cancellationToken = default);

    /// <summary>Changes role, password hash and/or stamp; a changed stamp signs the user out everywhere.</summary>
    Task<bool> UpdateAsync(long id, UserRole? role, string? passwordHash, string securityStamp, CancellationToken cancellationToken = default);

    /// <summary>Deletes a user unless they are the last admin.</summary>
    Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default);

    Task<long> CountAdminsAsync(CancellationToken cancellationToken = default);
}
