using System.Data.Common;
using System.Text.Json;
using Campaigns.Core.Accounts;
using Campaigns.Data.Infrastructure;
using Dapper;

namespace Campaigns.Data.Accounts;

public sealed class ApiKeyStore(Database db) : IApiKeyStore
{
    private const string Columns = "id, name, prefix, scopes, created_by, created_at, last_used_at, revoked_at";

    public async Task<ApiKey> CreateAsync(string name, string prefix, string secretHash, IReadOnlyList<string> scopes, long? createdBy, DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        var sql = db.Pick(
            $"INSERT INTO api_keys (name, prefix, secret_hash, scopes, created_by, created_at) VALUES (@name, @prefix, @secretHash, @scopes, @createdBy, @at) RETURNING {Columns}",
            $"INSERT INTO dbo.api_keys (name, prefix, secret_hash, scopes, created_by, created_at) OUTPUT {string.Join(", ", Columns.Split(", ").Select(c => "INSERTED." + c))} VALUES (@name, @prefix, @secretHash, @scopes, @createdBy, @at)");
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryListAsync(sql, new { name, prefix, secretHash, scopes = JsonSerializer.Serialize(scopes), createdBy, at }, Map,
            cancellationToken: cancellationToken);
        return rows[0];
    }

    public async Task<(ApiKey Key, string SecretHash)?> FindByPrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryListAsync($"SELECT {Columns}, secret_hash FROM api_keys WHERE prefix = @prefix", new { prefix },
            r => (Map(r), r.GetText("secret_hash")), cancellationToken: cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QueryListAsync($"SELECT {Columns} FROM api_keys ORDER BY created_at DESC, id DESC", null, Map, cancellationToken: cancellationToken);
    }

    public async Task<bool> RevokeAsync(long id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL", new { id, at }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task TouchAsync(long id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("UPDATE api_keys SET last_used_at = @at WHERE id = @id", new { id, at }, cancellationToken: cancellationToken));
    }

    private static ApiKey Map(DbDataReader r) => new(
        r.GetInt64("id"),
        r.GetText("name"),
        r.GetText("prefix"),
        JsonSerializer.Deserialize<string[]>(r.GetText("scopes")) ?? [],
        r["created_by"] is DBNull ? null : r.GetInt64("created_by"),
        r.GetTime("created_at"),
        r.GetTimeOrNull("last_used_at"),
        r.GetTimeOrNull("revoked_at"));
}
