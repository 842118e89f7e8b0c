using System.Data.Common;
using System.Text.Json.Nodes;
using Campaigns.Core.Subscribers;
using Campaigns.Data.Infrastructure;
using Dapper;

namespace Campaigns.Data.Subscribers;

public sealed class SubscriberStore(Database db) : ISubscriberStore
{
    private const string Columns = "s.id, s.email, s.name, s.attributes, s.status, s.created_at, s.updated_at";

    public async Task<long> CountAsync(long? listId = null, MembershipStatus? status = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var sql = listId is null
            ? "SELECT COUNT(*) FROM subscribers"
            : "SELECT COUNT(*) FROM list_subscribers WHERE list_id = @listId AND (@status IS NULL OR status = @status)";
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            sql, new { listId, status = status?.ToDb() }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<Subscriber>> FindAsync(SubscriberQuery query, CancellationToken cancellationToken = default)
    {
        var search = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim().ToLowerInvariant();
        var paging = db.Pick("LIMIT @limit OFFSET @offset", "OFFSET @offset ROWS FETCH NEXT @limit ROWS ONLY");
        var sql = $"""
            SELECT {Columns} FROM subscribers s
            WHERE (@search IS NULL OR LOWER(s.email_key) LIKE @prefix ESCAPE '\' OR LOWER(s.name) LIKE @contains ESCAPE '\')
              AND (@listId IS NULL OR EXISTS (SELECT 1 FROM list_subscribers ls WHERE ls.list_id = @listId AND ls.subscriber_id = s.id))
            ORDER BY s.email_key
            {paging}
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QueryListAsync(sql, new
        {
            search,
            prefix = search is null ? null : EscapeLike(search) + "%",
            contains = search is null ? null : "%" + EscapeLike(search) + "%",
            listId = query.ListId,
            offset = Math.Max(0, query.Offset),
            limit = Math.Clamp(query.Limit, 1, 1000),
        }, Map, cancellationToken: cancellationToken);
    }

    public async Task<Subscriber?> GetByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        if (!EmailAddress.TryNormalize(email, out var normalized, out _))
        {
            return null;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryListAsync($"SELECT {Columns} FROM subscribers s WHERE s.email_key = @key", new { key = normalized.Key }, Map, cancellationToken: cancellationToken);
        return rows.FirstOrDefault();
    }

    public async Task<IReadOnlyList<ListMembership>> GetMembershipsAsync(long subscriberId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        const string sql = """
            SELECT ls.list_id, l.name, ls.status, ls.created_at, ls.updated_at
            FROM list_subscribers ls JOIN lists l ON l.id = ls.list_id
            WHERE ls.subscriber_id = @subscriberId
            ORDER BY l.name
            """;
        return await connection.QueryListAsync(sql, new { subscriberId }, r => new ListMembership(
            r.GetInt64("list_id"), r.GetText("name"), r.GetEnum<MembershipStatus>("status"), r.GetTime("created_at"), r.GetTime("updated_at")),
            cancellationToken: cancellationToken);
    }

    internal static string EscapeLike(string s) =>
        s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
         .Replace("_", "\\_", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal);

    private static Subscriber Map(DbDataReader r) => new(
        r.GetInt64("id"),
        r.GetText("email"),
        r.GetText("name"),
        JsonNode.Parse(r.GetText("attributes")) as JsonObject ?? [],
        r.GetEnum<SubscriberStatus>("status"),
        r.GetTime("created_at"),
        r.GetTime("updated_at"));
}
