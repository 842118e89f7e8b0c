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
        var (where, parameters) = Filter(query);
        parameters.Add("offset", Math.Max(0, query.Offset));
        parameters.Add("limit", Math.Clamp(query.Limit, 1, 1000));
        var paging = db.Pick("LIMIT @limit OFFSET @offset", "OFFSET @offset ROWS FETCH NEXT @limit ROWS ONLY");
        var sql = $"SELECT {Columns} FROM subscribers s {where} ORDER BY s.email_key {paging}";
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QueryListAsync(sql, parameters, Map, cancellationToken: cancellationToken);
    }

    public async Task<long> CountAsync(SubscriberQuery query, CancellationToken cancellationToken = default)
    {
        // A list's own count comes from its membership rows alone (a key range), not a check per subscriber.
        if (query.ListId is { } listId && string.IsNullOrWhiteSpace(query.Search) && query.Status is null && string.IsNullOrWhiteSpace(query.AttributeName))
        {
            return await CountAsync(listId, query.MembershipStatus, cancellationToken);
        }

        var (where, parameters) = Filter(query);
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM subscribers s {where}", parameters, cancellationToken: cancellationToken));
    }

    public async Task<Subscriber?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryListAsync($"SELECT {Columns} FROM subscribers s WHERE s.id = @id", new { id }, Map, cancellationToken: cancellationToken);
        return rows.FirstOrDefault();
    }

    /// <summary>
    /// The WHERE clause, built from only the filters in use so each database can pick its index: an email prefix is
    /// a range seek on the lower-cased key; a name search (no @ in it) also matches anywhere in the name, which scans.
    /// </summary>
    private (string Where, DynamicParameters Parameters) Filter(SubscriberQuery query)
    {
        var clauses = new List<string>();
        var parameters = new DynamicParameters();
        var search = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim().ToLowerInvariant();
        if (search is not null)
        {
            var email = db.Pick("lower(s.email_key) >= @low AND lower(s.email_key) < @high", "s.email_lower LIKE @prefix ESCAPE '\\'");
            // SQLite will not combine two indexes for an OR: the union below seeks the email index and scans the
            // (much smaller than the table) name index, instead of scanning every row with both conditions.
            var either = db.Pick(
                """
                s.id IN (SELECT id FROM subscribers WHERE lower(email_key) >= @low AND lower(email_key) < @high
                         UNION SELECT id FROM subscribers INDEXED BY ix_subscribers_name_lower WHERE lower(name) LIKE @contains ESCAPE '\')
                """,
                "(s.email_lower LIKE @prefix ESCAPE '\\' OR s.name LIKE @contains ESCAPE '\\')");
            parameters.Add("low", search);
            parameters.Add("high", search[..^1] + (char)(search[^1] + 1));
            parameters.Add("prefix", EscapeLike(search) + "%");
            if (search.Contains('@', StringComparison.Ordinal))
            {
                clauses.Add(email);
            }
            else
            {
                parameters.Add("contains", "%" + EscapeLike(search) + "%");
                clauses.Add(either);
            }
        }

        if (query.Status is { } status)
        {
            clauses.Add("s.status = @status");
            parameters.Add("status", status.ToDb());
        }

        if (query.ListId is { } listId)
        {
            clauses.Add("EXISTS (SELECT 1 FROM list_subscribers ls WHERE ls.list_id = @listId AND ls.subscriber_id = s.id"
                + (query.MembershipStatus is null ? ")" : " AND ls.status = @membershipStatus)"));
            parameters.Add("listId", listId);
            parameters.Add("membershipStatus", query.MembershipStatus?.ToDb());
        }

        if (!string.IsNullOrWhiteSpace(query.AttributeName))
        {
            // The name goes in as a quoted JSON path parameter, never into the SQL text.
            clauses.Add(db.Pick("json_extract(s.attributes, @path) = @attributeValue", "JSON_VALUE(s.attributes, @path) = @attributeValue"));
            parameters.Add("path", "$.\"" + query.AttributeName.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");
            parameters.Add("attributeValue", query.AttributeValue ?? "");
        }

        return (clauses.Count == 0 ? "" : "WHERE " + string.Join(" AND ", clauses), parameters);
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
