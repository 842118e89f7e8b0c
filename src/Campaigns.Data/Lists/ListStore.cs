using System.Data.Common;
using System.Text.Json;
using Campaigns.Core.Common;
using Campaigns.Core.Lists;
using Campaigns.Data.Infrastructure;
using Dapper;

namespace Campaigns.Data.Lists;

public sealed class ListStore(Database db, IClock clock) : IListStore
{
    private const string Columns = "id, name, description, visibility, optin, tags, created_at, updated_at";

    public async Task<MailingList> CreateAsync(NewList list, CancellationToken cancellationToken = default)
    {
        var valid = list.Validated();
        await using var connection = await db.OpenAsync(cancellationToken);
        if (await FindByNameAsync(connection, valid.Name, cancellationToken) is not null)
        {
            throw new ValidationException($"A list named '{valid.Name}' already exists.");
        }

        var now = clock.UtcNow;
        var sql = db.Pick(
            $"INSERT INTO lists (name, description, visibility, optin, tags, created_at, updated_at) VALUES (@name, @description, @visibility, @optin, @tags, @now, @now) RETURNING {Columns}",
            $"INSERT INTO dbo.lists (name, description, visibility, optin, tags, created_at, updated_at) OUTPUT {Prefixed("INSERTED")} VALUES (@name, @description, @visibility, @optin, @tags, @now, @now)");
        try
        {
            var rows = await connection.QueryListAsync(sql, new
            {
                name = valid.Name,
                description = valid.Description,
                visibility = valid.Visibility.ToDb(),
                optin = valid.OptIn.ToDb(),
                tags = JsonSerializer.Serialize(valid.Tags),
                now,
            }, Map, cancellationToken: cancellationToken);
            return rows[0];
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            throw new ValidationException($"A list named '{valid.Name}' already exists.");
        }
    }

    public async Task<MailingList?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryListAsync($"SELECT {Columns} FROM lists WHERE id = @id", new { id }, Map, cancellationToken: cancellationToken);
        return rows.FirstOrDefault();
    }

    public async Task<MailingList?> FindByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await FindByNameAsync(connection, name.Trim(), cancellationToken);
    }

    public async Task<IReadOnlyList<ListSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        const string sql = $"""
            SELECT l.id, l.name, l.description, l.visibility, l.optin, l.tags, l.created_at, l.updated_at,
                   COALESCE(SUM(CASE WHEN ls.status = 'confirmed' THEN 1 ELSE 0 END), 0) AS confirmed,
                   COALESCE(SUM(CASE WHEN ls.status = 'unconfirmed' THEN 1 ELSE 0 END), 0) AS unconfirmed,
                   COALESCE(SUM(CASE WHEN ls.status = 'unsubscribed' THEN 1 ELSE 0 END), 0) AS unsubscribed
            FROM lists l
            LEFT JOIN list_subscribers ls ON ls.list_id = l.id
            GROUP BY l.id, l.name, l.description, l.visibility, l.optin, l.tags, l.created_at, l.updated_at
            ORDER BY l.name
            """;
        return await connection.QueryListAsync(sql, null, r => new ListSummary(
            Map(r), r.GetInt64("confirmed"), r.GetInt64("unconfirmed"), r.GetInt64("unsubscribed")), cancellationToken: cancellationToken);
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("DELETE FROM lists WHERE id = @id", new { id }, cancellationToken: cancellationToken)) > 0;
    }

    private static async Task<MailingList?> FindByNameAsync(DbConnection connection, string name, CancellationToken cancellationToken)
    {
        // Both dialects compare names case-insensitively (NOCASE column on SQLite, the default collation on SQL Server).
        var rows = await connection.QueryListAsync($"SELECT {Columns} FROM lists WHERE name = @name", new { name }, Map, cancellationToken: cancellationToken);
        return rows.FirstOrDefault();
    }

    internal static bool IsUniqueViolation(DbException e) =>
        e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 }
        || e is Microsoft.Data.SqlClient.SqlException { Number: 2601 or 2627 };

    private static string Prefixed(string prefix) =>
        string.Join(", ", Columns.Split(", ").Select(c => $"{prefix}.{c}"));

    private static MailingList Map(DbDataReader r) => new(
        r.GetInt64("id"),
        r.GetText("name"),
        r.GetText("description"),
        r.GetEnum<ListVisibility>("visibility"),
        r.GetEnum<OptInKind>("optin"),
        JsonSerializer.Deserialize<string[]>(r.GetText("tags")) ?? [],
        r.GetTime("created_at"),
        r.GetTime("updated_at"));
}
