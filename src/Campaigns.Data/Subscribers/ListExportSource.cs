using Campaigns.Core.Export;
using Campaigns.Core.Subscribers;
using Campaigns.Data.Infrastructure;
using Dapper;

namespace Campaigns.Data.Subscribers;

public sealed class ListExportSource(Database db) : IListExportSource
{
    public async Task<IReadOnlyList<string>> GetAttributeKeysAsync(long listId, CancellationToken cancellationToken = default)
    {
        var sql = db.Pick(
            """
            SELECT DISTINCT j.key FROM list_subscribers ls
            JOIN subscribers s ON s.id = ls.subscriber_id, json_each(s.attributes) j
            WHERE ls.list_id = @listId ORDER BY j.key
            """,
            """
            SELECT DISTINCT j.[key] FROM list_subscribers ls
            JOIN subscribers s ON s.id = ls.subscriber_id CROSS APPLY OPENJSON(s.attributes) j
            WHERE ls.list_id = @listId ORDER BY j.[key]
            """);
        await using var connection = await db.OpenAsync(cancellationToken);
        var keys = await connection.QueryAsync<string>(new CommandDefinition(sql, new { listId }, commandTimeout: 0, cancellationToken: cancellationToken));
        return keys.ToList();
    }

    public async IAsyncEnumerable<ExportRow> ReadMembersAsync(long listId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT s.email, s.name, s.status, ls.status AS list_status, ls.created_at, s.updated_at, s.attributes
            FROM list_subscribers ls JOIN subscribers s ON s.id = ls.subscriber_id
            WHERE ls.list_id = @listId
            ORDER BY ls.subscriber_id
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        await foreach (var row in connection.QueryStreamAsync(sql, new { listId }, r => new ExportRow(
            r.GetText("email"), r.GetText("name"), r.GetEnum<SubscriberStatus>("status"), r.GetEnum<MembershipStatus>("list_status"),
            r.GetTime("created_at"), r.GetTime("updated_at"), r.GetText("attributes")), cancellationToken))
        {
            yield return row;
        }
    }
}
