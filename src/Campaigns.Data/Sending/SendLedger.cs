using System.Data.Common;
using System.Runtime.CompilerServices;
using Campaigns.Core.Common;
using Campaigns.Core.Sending;
using Campaigns.Data.Imports;
using Campaigns.Data.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Campaigns.Data.Sending;

/// <summary>
/// The send ledger as the planner and the workers use it: one row per campaign and recipient, written once by
/// the planner, then claimed batch by batch under leases and given each recipient's outcome. Every step is a
/// guarded update, so any number of processes can run these at once. The dispatcher's side is
/// <see cref="LedgerDispatch"/>; pausing, cancelling and progress are <see cref="CampaignControl"/>.
/// </summary>
public sealed class SendLedger(Database db, IClock clock)
{
    /// <summary>The campaign's audience: members of its lists whose membership counts, enabled, without an address suppression, by domain.</summary>
    public async IAsyncEnumerable<PlannedRecipient> StreamAudienceAsync(long campaignId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var domain = db.Pick("substr(s.email_key, instr(s.email_key, '@') + 1)", "SUBSTRING(s.email_key, CHARINDEX('@', s.email_key) + 1, 320)");
        var sql = $"""
            SELECT s.id, {domain} AS domain
            FROM subscribers s
            WHERE s.id IN (
                    SELECT ls.subscriber_id FROM campaign_lists cl
                    JOIN lists l ON l.id = cl.list_id
                    JOIN list_subscribers ls ON ls.list_id = cl.list_id
                    WHERE cl.campaign_id = @campaignId
                      AND (ls.status = 'confirmed' OR (ls.status = 'unconfirmed' AND l.optin = 'single')))
              AND s.status = 'enabled'
              AND NOT EXISTS (SELECT 1 FROM suppressions x WHERE x.kind = 'address' AND x.value = s.email_key)
            ORDER BY domain, s.id
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        await foreach (var r in connection.QueryStreamAsync(sql, new { campaignId }, r => new PlannedRecipient(r.GetInt64(0), r.GetString(1)), cancellationToken))
        {
            yield return r;
        }
    }

    /// <summary>
    /// How many would receive a campaign to these lists now: the planner's rules (counting memberships, enabled,
    /// no suppression of the address or its domain), each person once however many lists they are on.
    /// </summary>
    public async Task<long> CountAudienceAsync(IReadOnlyCollection<long> listIds, CancellationToken cancellationToken = default)
    {
        if (listIds.Count == 0)
        {
            return 0;
        }

        var domain = db.Pick("substr(s.email_key, instr(s.email_key, '@') + 1)", "SUBSTRING(s.email_key, CHARINDEX('@', s.email_key) + 1, 320)");
        var sql = $"""
            SELECT {domain} AS domain, COUNT(*) AS n
            FROM subscribers s
            WHERE s.id IN (
                    SELECT ls.subscriber_id FROM list_subscribers ls JOIN lists l ON l.id = ls.list_id
                    WHERE ls.list_id IN @listIds AND (ls.status = 'confirmed' OR (ls.status = 'unconfirmed' AND l.optin = 'single')))
              AND s.status = 'enabled'
              AND NOT EXISTS (SELECT 1 FROM suppressions x WHERE x.kind = 'address' AND x.value = s.email_key)
            GROUP BY {domain}
            """;
        var suppressed = await SuppressedDomainsAsync(cancellationToken);
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryListAsync(sql, new { listIds = listIds.ToArray() }, r => (Domain: r.GetText("domain"), Count: r.GetInt64("n")),
            cancellationToken: cancellationToken);
        return rows.Where(r => !IsSuppressed(r.Domain, suppressed)).Sum(r => r.Count);
    }

    private static bool IsSuppressed(string domain, HashSet<string> suppressed)
    {
        for (var d = domain; d.Length > 0; d = d.IndexOf('.', StringComparison.Ordinal) is var dot && dot >= 0 ? d[(dot + 1)..] : "")
        {
            if (suppressed.Contains(d))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The suppressed domains (each also covers its subdomains).</summary>
    public async Task<HashSet<string>> SuppressedDomainsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<string>(new CommandDefinition("SELECT value FROM suppressions WHERE kind = 'domain'", cancellationToken: cancellationToken));
        return rows.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Writes batches and their ledger rows in one transaction, as 'pending' so the outbox publishes them.
    /// A recipient already in the ledger (a planner that restarted) is left as it is. Returns the rows written.
    /// </summary>
    public async Task<int> WritePlanAsync(long campaignId, IReadOnlyList<PlannedBatch> batches, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var tx = await LedgerSql.BeginWriteAsync(connection, cancellationToken);
        var written = 0;
        foreach (var batch in batches)
        {
            var batchId = await LedgerSql.InsertBatchAsync(db, connection, tx, campaignId, batch.Domain, batch.Recipients.Count, now, cancellationToken);
            var inserted = await InsertSendsAsync(connection, tx, campaignId, batchId, batch, now, cancellationToken);
            if (inserted != batch.Recipients.Count)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    inserted == 0 ? "DELETE FROM send_batches WHERE id = @batchId" : "UPDATE send_batches SET size = @inserted WHERE id = @batchId",
                    new { batchId, inserted }, tx, cancellationToken: cancellationToken));
            }

            written += inserted;
        }

        await tx.CommitAsync(cancellationToken);
        return written;
    }

    /// <summary>Takes a batch for this worker, or says why not. A worker that died lets go when its lease passes.</summary>
    public async Task<BatchClaim> ClaimBatchAsync(long batchId, string holder, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var tx = await LedgerSql.BeginWriteAsync(connection, cancellationToken);
        var args = new { batchId, holder, lease = UnixMicros.From(leaseUntil), nowUs = UnixMicros.From(now), now };
        var campaignStatus = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT c.status FROM send_batches b JOIN campaigns c ON c.id = b.campaign_id WHERE b.id = @batchId", args, tx, cancellationToken: cancellationToken));
        var claimed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE send_batches SET status = 'running', holder = @holder, lease_until = @lease, updated_at = @now
            WHERE id = @batchId
              AND (status IN ('pending', 'published') OR (status = 'running' AND (lease_until < @nowUs OR holder = @holder)))
            """, args, tx, cancellationToken: cancellationToken)) > 0;
        BatchClaim result;
        if (!claimed)
        {
            result = BatchClaim.NotAvailable;
        }
        else if (campaignStatus is "paused")
        {
            await ReleaseAsync(connection, tx, batchId, "held", 0, now, cancellationToken);
            result = BatchClaim.Held;
        }
        else if (campaignStatus is null or "cancelled" or "draft" or "finished")
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE sends SET status = 'cancelled', updated_at = @now WHERE batch_id = @batchId AND status IN ('queued', 'sending', 'deferred')",
                args, tx, cancellationToken: cancellationToken));
            await ReleaseAsync(connection, tx, batchId, "done", 0, now, cancellationToken);
            result = BatchClaim.Cancelled;
        }
        else
        {
            result = BatchClaim.Claimed;
        }

        await tx.CommitAsync(cancellationToken);
        return result;
    }

    public async Task<bool> RenewBatchAsync(long batchId, string holder, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE send_batches SET lease_until = @lease WHERE id = @batchId AND status = 'running' AND holder = @holder",
            new { batchId, holder, lease = UnixMicros.From(leaseUntil) }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>
    /// The batch's rows still to send, marked 'sending', with what the database says now about each recipient:
    /// someone who unsubscribed, was blocklisted, suppressed or deleted since planning is not mailed.
    /// </summary>
    public async Task<IReadOnlyList<BatchRecipient>> StartBatchAsync(long batchId, long campaignId, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE sends SET status = 'sending', updated_at = @now WHERE batch_id = @batchId AND status = 'queued'",
            new { batchId, now }, cancellationToken: cancellationToken));
        var sql = """
            SELECT x.subscriber_id, x.attempts, s.email, s.email_key, s.name, s.attributes, s.status,
                   CASE WHEN EXISTS (
                       SELECT 1 FROM campaign_lists cl JOIN lists l ON l.id = cl.list_id
                       JOIN list_subscribers ls ON ls.list_id = cl.list_id AND ls.subscriber_id = x.subscriber_id
                       WHERE cl.campaign_id = x.campaign_id
                         AND (ls.status = 'confirmed' OR (ls.status = 'unconfirmed' AND l.optin = 'single'))) THEN 1 ELSE 0 END AS member,
                   CASE WHEN EXISTS (SELECT 1 FROM suppressions z WHERE z.kind = 'address' AND z.value = s.email_key) THEN 1 ELSE 0 END AS suppressed
            FROM sends x
            LEFT JOIN subscribers s ON s.id = x.subscriber_id
            WHERE x.batch_id = @batchId AND x.campaign_id = @campaignId AND x.status = 'sending'
            ORDER BY x.subscriber_id
            """;
        return await connection.QueryListAsync(sql, new { batchId, campaignId }, r =>
        {
            var id = r.GetInt64("subscriber_id");
            if (r["email"] is DBNull)
            {
                return new BatchRecipient(id, "", "", "", "{}", 0, "the subscriber was deleted");
            }

            var skip = r.GetText("status") != "enabled" ? "the subscriber is blocklisted"
                : r.GetInt64("member") == 0 ? "no longer subscribed to the campaign's lists"
                : r.GetInt64("suppressed") != 0 ? "the address is suppressed"
                : null;
            return new BatchRecipient(id, r.GetText("email"), r.GetText("email_key"), r.GetText("name"), r.GetText("attributes"), (int)r.GetInt64("attempts"), skip);
        }, cancellationToken: cancellationToken);
    }

    /// <summary>A recipient of a campaign as the ledger knows them (for view-in-browser); null when they were never sent it.</summary>
    public async Task<BatchRecipient?> RecipientAsync(long campaignId, long subscriberId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryListAsync(
            """
            SELECT s.id, s.email, s.email_key, s.name, s.attributes FROM sends x JOIN subscribers s ON s.id = x.subscriber_id
            WHERE x.campaign_id = @campaignId AND x.subscriber_id = @subscriberId
            """, new { campaignId, subscriberId },
            r => new BatchRecipient(r.GetInt64("id"), r.GetText("email"), r.GetText("email_key"), r.GetText("name"), r.GetText("attributes"), 0, null),
            cancellationToken: cancellationToken);
        return rows.FirstOrDefault();
    }

    /// <summary>Writes outcomes in one transaction (the ledger writer groups the outcomes of every connection of a process).</summary>
    public async Task RecordAsync(IReadOnlyList<SendRecord> records, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0)
        {
            return;
        }

        var now = clock.UtcNow;
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var tx = await LedgerSql.BeginWriteAsync(connection, cancellationToken);
        const string sql = """
            UPDATE sends SET status = @status, attempts = attempts + @attempt, last_reply = @reply,
                   message_id = COALESCE(@messageId, message_id), server = COALESCE(@server, server),
                   next_attempt_at = @next, updated_at = @now
            WHERE campaign_id = @campaignId AND subscriber_id = @subscriberId
            """;
        await connection.ExecuteAsync(new CommandDefinition(sql, records.Select(r => new
        {
            status = r.Status.ToDb(),
            attempt = r.CountsAsAttempt ? 1 : 0,
            reply = r.Reply is { Length: > 2000 } text ? text[..2000] : r.Reply,
            messageId = r.MessageId,
            server = r.Server,
            next = r.NextAttemptAt is { } t ? UnixMicros.From(t) : 0,
            now,
            campaignId = r.CampaignId,
            subscriberId = r.SubscriberId,
        }).ToArray(), tx, cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>The worker is done with the batch: rows still 'sending' go back to 'queued' and the batch to <paramref name="status"/>.</summary>
    public async Task ReleaseBatchAsync(long batchId, string status, DateTimeOffset? notBefore = null, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var tx = await LedgerSql.BeginWriteAsync(connection, cancellationToken);
        await ReleaseAsync(connection, tx, batchId, status, notBefore is { } t ? UnixMicros.From(t) : 0, now, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    private async Task<int> InsertSendsAsync(DbConnection connection, DbTransaction tx, long campaignId, long batchId, PlannedBatch batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (connection is SqliteConnection sqlite)
        {
            // One prepared statement, re-bound per row: SQLite has no round trips to save, only parsing.
            await using var command = sqlite.CreateCommand();
            command.Transaction = (SqliteTransaction)tx;
            command.CommandText = """
                INSERT INTO sends (campaign_id, subscriber_id, domain, batch_id, status, updated_at)
                VALUES (@campaignId, @subscriberId, @domain, @batchId, 'queued', @now) ON CONFLICT DO NOTHING
                """;
            command.Parameters.AddWithValue("@campaignId", campaignId);
            var subscriber = command.Parameters.Add("@subscriberId", SqliteType.Integer);
            var domain = command.Parameters.Add("@domain", SqliteType.Text);
            command.Parameters.AddWithValue("@batchId", batchId);
            command.Parameters.AddWithValue("@now", now);
            var inserted = 0;
            foreach (var (id, d) in batch.Recipients)
            {
                subscriber.Value = id;
                domain.Value = d;
                inserted += await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return inserted;
        }

        return await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO sends (campaign_id, subscriber_id, domain, batch_id, status, updated_at)
            SELECT @campaignId, j.subscriber_id, j.domain, @batchId, 'queued', @now
            FROM OPENJSON(@rows) WITH (subscriber_id BIGINT '$[0]', domain NVARCHAR(255) '$[1]') j
            WHERE NOT EXISTS (SELECT 1 FROM sends x WITH (UPDLOCK, HOLDLOCK) WHERE x.campaign_id = @campaignId AND x.subscriber_id = j.subscriber_id)
            """,
            new
            {
                campaignId,
                batchId,
                now,
                rows = BatchJson.Rows(batch.Recipients, (w, r) =>
                {
                    w.WriteNumberValue(r.SubscriberId);
                    w.WriteStringValue(r.Domain);
                }),
            }, tx, commandTimeout: 300, cancellationToken: cancellationToken));
    }

    private static async Task ReleaseAsync(DbConnection connection, DbTransaction tx, long batchId, string status, long notBeforeUs, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var args = new { batchId, status, notBeforeUs, now };
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE sends SET status = 'queued', updated_at = @now WHERE batch_id = @batchId AND status = 'sending'", args, tx, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE send_batches SET status = @status, not_before = @notBeforeUs, holder = NULL, lease_until = 0, updated_at = @now WHERE id = @batchId",
            args, tx, cancellationToken: cancellationToken));
    }
}
