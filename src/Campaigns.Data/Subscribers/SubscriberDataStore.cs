using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Campaigns.Core.Subscribers;
using Campaigns.Data.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Campaigns.Data.Subscribers;

public sealed class SubscriberDataStore(Database db) : ISubscriberDataStore
{
    public async Task<string?> ExportJsonAsync(long subscriberId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var args = new { subscriberId };
        var subscriber = await RowsAsync(connection, "SELECT id, email, name, attributes, status, created_at, updated_at FROM subscribers WHERE id = @subscriberId", args, cancellationToken);
        if (subscriber.Count == 0)
        {
            return null;
        }

        var email = subscriber[0]!["email"]!.GetValue<string>();
        var document = new JsonObject
        {
            ["subscriber"] = subscriber[0]!.DeepClone(),
            ["memberships"] = await RowsAsync(connection,
                "SELECT l.name AS list, ls.status, ls.created_at, ls.updated_at FROM list_subscribers ls JOIN lists l ON l.id = ls.list_id WHERE ls.subscriber_id = @subscriberId ORDER BY l.name",
                args, cancellationToken),
            ["messages"] = await RowsAsync(connection,
                "SELECT c.name AS campaign, c.subject, x.status, x.attempts, x.last_reply, x.updated_at FROM sends x JOIN campaigns c ON c.id = x.campaign_id WHERE x.subscriber_id = @subscriberId ORDER BY x.updated_at",
                args, cancellationToken),
            ["opensAndClicks"] = await RowsAsync(connection,
                "SELECT c.name AS campaign, e.kind, l.url, e.prefetch, e.at FROM tracking_events e JOIN campaigns c ON c.id = e.campaign_id LEFT JOIN campaign_links l ON l.id = e.link_id WHERE e.subscriber_id = @subscriberId ORDER BY e.at",
                args, cancellationToken),
            ["subscriptionHistory"] = await RowsAsync(connection,
                "SELECT e.kind, e.source, l.name AS list, e.at FROM subscription_events e LEFT JOIN lists l ON l.id = e.list_id WHERE e.subscriber_id = @subscriberId ORDER BY e.at",
                args, cancellationToken),
            ["bounces"] = await RowsAsync(connection,
                "SELECT kind, source, status, reason, created_at FROM bounces WHERE subscriber_id = @subscriberId OR email = @email ORDER BY created_at",
                new { subscriberId, email }, cancellationToken),
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    public async Task<bool> EraseAsync(long subscriberId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var tx = connection is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: false) : await connection.BeginTransactionAsync(cancellationToken);
        var email = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT email FROM subscribers WHERE id = @subscriberId", new { subscriberId }, tx, cancellationToken: cancellationToken));
        if (email is null)
        {
            return false;
        }

        var args = new { subscriberId, email };
        foreach (var sql in new[]
                 {
                     "UPDATE bounces SET email = '(erased)', reason = kind, subscriber_id = NULL WHERE subscriber_id = @subscriberId OR email = @email",
                     // SMTP replies often quote the address; the outcome (status) stays for the totals.
                     "UPDATE sends SET last_reply = NULL WHERE subscriber_id = @subscriberId",
                     "UPDATE import_errors SET email = '(erased)' WHERE email = @email",
                     "DELETE FROM subscription_events WHERE subscriber_id = @subscriberId",
                     "DELETE FROM list_subscribers WHERE subscriber_id = @subscriberId",
                     "DELETE FROM subscribers WHERE id = @subscriberId",
                 })
        {
            await connection.ExecuteAsync(new CommandDefinition(sql, args, tx, cancellationToken: cancellationToken));
        }

        await tx.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task<JsonArray> RowsAsync(DbConnection connection, string sql, object args, CancellationToken cancellationToken)
    {
        var rows = new JsonArray();
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, args, cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new JsonObject();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var name = reader.GetName(i);
                row[name] = reader.IsDBNull(i) ? null
                    : name == "attributes" ? JsonNode.Parse(reader.GetString(i))
                    : reader.GetValue(i) switch
                    {
                        string s => JsonValue.Create(s),
                        long l => JsonValue.Create(l),
                        int n => JsonValue.Create(n),
                        bool b => JsonValue.Create(b),
                        DateTimeOffset d => JsonValue.Create(d),
                        DateTime d => JsonValue.Create(d),
                        var v => JsonValue.Create(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)),
                    };
            }

            rows.Add(row);
        }

        return rows;
    }
}
