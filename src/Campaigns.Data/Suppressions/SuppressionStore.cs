using System.Data.Common;
using Campaigns.Core.Common;
using Campaigns.Core.Subscribers;
using Campaigns.Core.Suppressions;
using Campaigns.Data.Infrastructure;
using Dapper;

namespace Campaigns.Data.Suppressions;

public sealed class SuppressionStore(Database db, IClock clock) : ISuppressionStore
{
    public async Task<Suppression> AddAsync(SuppressionKind kind, string value, string reason, CancellationToken cancellationToken = default)
    {
        var sql = db.Pick(
            """
            INSERT INTO suppressions (kind, value, reason, created_at) VALUES (@kind, @value, @reason, @now)
            ON CONFLICT (kind, value) DO UPDATE SET reason = excluded.reason
            """,
            """
            MERGE suppressions WITH (HOLDLOCK) AS t
            USING (SELECT @kind AS kind, @value AS value) AS s ON t.kind = s.kind AND t.value = s.value
            WHEN MATCHED THEN UPDATE SET reason = @reason
            WHEN NOT MATCHED THEN INSERT (kind, value, reason, created_at) VALUES (@kind, @value, @reason, @now);
            """);
        await using var connection = await db.OpenAsync(cancellationToken);
        var args = new { kind = kind.ToDb(), value, reason = reason.Trim(), now = clock.UtcNow };
        await connection.ExecuteAsync(new CommandDefinition(sql, args, cancellationToken: cancellationToken));
        var rows = await connection.QueryListAsync(
            "SELECT id, kind, value, reason, created_at FROM suppressions WHERE kind = @kind AND value = @value", args, Map, cancellationToken: cancellationToken);
        return rows[0];
    }

    public async Task<bool> RemoveAsync(SuppressionKind kind, string value, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM suppressions WHERE kind = @kind AND value = @value", new { kind = kind.ToDb(), value }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<IReadOnlyList<Suppression>> ListAsync(int offset = 0, int limit = 100, CancellationToken cancellationToken = default)
    {
        var sql = db.Pick(
            "SELECT id, kind, value, reason, created_at FROM suppressions ORDER BY id DESC LIMIT @limit OFFSET @offset",
            "SELECT id, kind, value, reason, created_at FROM suppressions ORDER BY id DESC OFFSET @offset ROWS FETCH NEXT @limit ROWS ONLY");
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QueryListAsync(sql, new { offset = Math.Max(0, offset), limit = Math.Clamp(limit, 1, 1000) }, Map, cancellationToken: cancellationToken);
    }

    public async Task<Suppression?> FindForAsync(string emailKey, CancellationToken cancellationToken = default)
    {
        if (!EmailAddress.TryNormalize(emailKey, out var email, out _))
        {
            return null;
        }

        var domains = SuppressionTarget.DomainCandidates(email.Domain).ToArray();
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryListAsync(
            """
            SELECT id, kind, value, reason, created_at FROM suppressions
            WHERE (kind = 'address' AND value = @key) OR (kind = 'domain' AND value IN @domains)
            ORDER BY kind
            """, new { key = email.Key, domains }, Map, cancellationToken: cancellationToken);
        return rows.FirstOrDefault();
    }

    private static Suppression Map(DbDataReader r) => new(
        r.GetInt64("id"), r.GetEnum<SuppressionKind>("kind"), r.GetText("value"), r.GetText("reason"), r.GetTime("created_at"));
}
