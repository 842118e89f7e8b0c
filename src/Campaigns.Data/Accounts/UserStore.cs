using System.Data.Common;
using Campaigns.Core.Accounts;
using Campaigns.Core.Common;
using Campaigns.Data.Infrastructure;
using Dapper;

namespace Campaigns.Data.Accounts;

public sealed class UserStore(Database db, IClock clock) : IUserStore
{
    private const string Columns = "id, email, name, role, created_at, last_sign_in_at, locked_until";

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM users", cancellationToken: cancellationToken));
    }

    public async Task<long> CountAdminsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM users WHERE role = 'admin'", cancellationToken: cancellationToken));
    }

    public async Task<User?> CreateFirstAsync(string email, string name, string passwordHash, string securityStamp, CancellationToken cancellationToken = default)
    {
        // One statement, so two people submitting the set-up page at once cannot both become the first admin.
        var sql = db.Pick(
            $"""
            INSERT INTO users (email, name, role, password_hash, security_stamp, created_at)
            SELECT @email, @name, 'admin', @passwordHash, @securityStamp, @now WHERE NOT EXISTS (SELECT 1 FROM users)
            RETURNING {Columns}
            """,
            $"""
            INSERT INTO dbo.users (email, name, role, password_hash, security_stamp, created_at)
            OUTPUT {Prefixed("INSERTED")}
            SELECT @email, @name, 'admin', @passwordHash, @securityStamp, @now WHERE NOT EXISTS (SELECT 1 FROM dbo.users WITH (UPDLOCK, HOLDLOCK))
            """);
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryListAsync(sql, new { email, name, passwordHash, securityStamp, now = clock.UtcNow }, Map, cancellationToken: cancellationToken);
        return rows.FirstOrDefault();
    }

    public async Task<User> CreateAsync(string email, string name, UserRole role, string passwordHash, string securityStamp, CancellationToken cancellationToken = default)
    {
        var sql = db.Pick(
            $"INSERT INTO users (email, name, role, password_hash, security_stamp, created_at) VALUES (@email, @name, @role, @passwordHash, @securityStamp, @now) RETURNING {Columns}",
            $"INSERT INTO dbo.users (email, name, role, password_hash, security_stamp, created_at) OUTPUT {Prefixed("INSERTED")} VALUES (@email, @name, @role, @passwordHash, @securityStamp, @now)");
        await using var connection = await db.OpenAsync(cancellationToken);
        try
        {
            var rows = await connection.QueryListAsync(sql, new { email, name, role = role.ToDb(), passwordHash, securityStamp, now = clock.UtcNow }, Map,
                cancellationToken: cancellationToken);
            return rows[0];
        }
        catch (DbException e) when (e.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase))
        {
            throw new ValidationException($"A user with the email {email} already exists.", "email");
        }
    }

    public async Task<User?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryListAsync($"SELECT {Columns} FROM users WHERE id = @id", new { id }, Map, cancellationToken: cancellationToken);
        return rows.FirstOrDefault();
    }

    public async Task<UserCredentials?> FindCredentialsAsync(string email, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryListAsync(
            $"SELECT {Columns}, password_hash, security_stamp, failed_attempts FROM users WHERE email = @email", new { email },
            r => new UserCredentials(Map(r), r.GetText("password_hash"), r.GetText("security_stamp"), (int)r.GetInt64("failed_attempts")),
            cancellationToken: cancellationToken);
        return rows.FirstOrDefault();
    }

    public async Task<string?> GetSecurityStampAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT security_stamp FROM users WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QueryListAsync($"SELECT {Columns} FROM users ORDER BY email", null, Map, cancellationToken: cancellationToken);
    }

    public async Task RecordFailureAsync(long id, DateTimeOffset? lockUntil, CancellationToken cancellationToken = default)
    {
        // A lock that ran out restarts the count at one; a new lock resets it so the next lock needs a full run again.
        const string sql = """
            UPDATE users SET
                failed_attempts = CASE WHEN @lockUntil IS NOT NULL THEN 0 WHEN locked_until IS NOT NULL THEN 1 ELSE failed_attempts + 1 END,
                locked_until = @lockUntil
            WHERE id = @id
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { id, lockUntil }, cancellationToken: cancellationToken));
    }

    public async Task RecordSignInAsync(long id, DateTimeOffset at, string? newPasswordHash, CancellationToken cancellationToken = default)
    {
        const string sql = """
            UPDATE users SET failed_attempts = 0, locked_until = NULL, last_sign_in_at = @at,
                password_hash = COALESCE(@newPasswordHash, password_hash)
            WHERE id = @id
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { id, at, newPasswordHash }, cancellationToken: cancellationToken));
    }

    public async Task<bool> UpdateAsync(long id, UserRole? role, string? passwordHash, string securityStamp, CancellationToken cancellationToken = default)
    {
        const string sql = """
            UPDATE users SET role = COALESCE(@role, role), password_hash = COALESCE(@passwordHash, password_hash),
                security_stamp = @securityStamp, failed_attempts = CASE WHEN @passwordHash IS NULL THEN failed_attempts ELSE 0 END,
                locked_until = CASE WHEN @passwordHash IS NULL THEN locked_until ELSE NULL END
            WHERE id = @id
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { id, role = role?.ToDb(), passwordHash, securityStamp },
            cancellationToken: cancellationToken)) == 1;
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        // Guarded in the statement itself: two admins deleting each other at once cannot leave none.
        const string sql = """
            DELETE FROM users WHERE id = @id
              AND (role <> 'admin' OR (SELECT COUNT(*) FROM users WHERE role = 'admin') > 1)
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { id }, cancellationToken: cancellationToken)) == 1;
    }

    private static string Prefixed(string table) => string.Join(", ", Columns.Split(", ").Select(c => $"{table}.{c}"));

    private static User Map(DbDataReader r) => new(
        r.GetInt64("id"),
        r.GetText("email"),
        r.GetText("name"),
        r.GetEnum<UserRole>("role"),
        r.GetTime("created_at"),
        r.GetTimeOrNull("last_sign_in_at"),
        r.GetTimeOrNull("locked_until"));
}
