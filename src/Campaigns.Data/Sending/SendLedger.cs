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
/// The send ledger: one row per campaign and recipient, and the batches the bus carries. The planner writes it,
/// workers claim batches under leases and record each outcome, and the dispatcher publishes, retries and
/// finishes from it. Every step is a guarded update, so any number of processes can run these at once.
/// </summary>
public sealed class SendLedger(Database db, IClock clock) : ICampaignControl
{
    /// <summary>The campaign's audience: members of its lists whose membership counts, enabled, without an address suppression, by domain.</summary>
    public async IAsyncEnumerable<PlannedRecipient> StreamAudienceAsync(long campaignId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var sql = db.Pick(
            """
            SELECT s.id, substr(s.email_key, instr(s.email_key, '@') + 1) AS domain
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
            """,
            """
            SELECT s.id, SUBSTRING(s.email_key, CHARINDEX('@', s.email_key) + 1, 320) AS domain
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
            """);
        await using var connection = await db.OpenAsync(cancellationToken);
        await foreach (var r in connection.QueryStreamAsync(sql, new { campaignId }, r => new PlannedRecipient(r.GetInt64(0), r.GetString(1)), cancellationToken))
        {
            yield return r;
        }
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
        await using var tx = await BeginWriteAsync(connection, cancellationToken);
        var written = 0;
        foreach (var batch in batches)
        {
            var batchId = await InsertBatchAsync(connection, tx, campaignId, batch.Domain, batch.Recipients.Count, now, cancellationToken);
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

    /// <summary>Campaigns due to start (or whose planner died) are taken for planning by this caller until <paramref name="leaseUntil"/>.</summary>
    public async Task<IReadOnlyList<long>> ClaimCampaignsToPlanAsync(DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        await using var connection = await db.OpenAsync(cancellationToken);
        var sql = db.Pick(
            """
            UPDATE campaigns SET status = 'planning', lease_until = @lease, started_at = COALESCE(started_at, @now), updated_at = @now
            WHERE (status = 'scheduled' AND send_at <= @now) OR (status = 'planning' AND lease_until < @nowUs)
            RETURNING id
            """,
            """
            UPDATE campaigns SET status = 'planning', lease_until = @lease, started_at = COALESCE(started_at, @now), updated_at = @now
            OUTPUT INSERTED.id
            WHERE (status = 'scheduled' AND send_at <= @now) OR (status = 'planning' AND lease_until < @nowUs)
            """);
        var ids = await connection.QueryAsync<long>(new CommandDefinition(
            sql, new { now, nowUs = UnixMicros.From(now), lease = UnixMicros.From(leaseUntil) }, cancellationToken: cancellationToken));
        return ids.ToList();
    }

    /// <summary>Keeps the planning lease; false when the campaign left 'planning' (paused, cancelled).</summary>
    public async Task<bool> RenewPlanningAsync(long campaignId, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE campaigns SET lease_until = @lease WHERE id = @campaignId AND status = 'planning'",
            new { campaignId, lease = UnixMicros.From(leaseUntil) }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>The audience is in the ledger: the campaign is sending (unless it was paused or cancelled meanwhile).</summary>
    public async Task FinishPlanningAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE campaigns SET planned = (SELECT COUNT(*) FROM sends WHERE campaign_id = @campaignId), lease_until = 0, updated_at = @now,
                   status = CASE WHEN status = 'planning' THEN 'sending' ELSE status END
            WHERE id = @campaignId
            """, new { campaignId, now = clock.UtcNow }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Batches waiting for the bus, taken by this publisher for <paramref name="leaseUntil"/> so two dispatchers do not
    /// both publish them; a publisher that dies before marking them published lets go when the lease passes.
    /// </summary>
    public async Task<IReadOnlyList<PendingBatch>> TakePendingBatchesAsync(string holder, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var sql = db.Pick(
            """
            UPDATE send_batches SET holder = @holder, lease_until = @lease
            WHERE id IN (SELECT id FROM send_batches WHERE status = 'pending' AND not_before <= @nowUs AND lease_until < @nowUs ORDER BY id LIMIT @limit)
            RETURNING id, campaign_id, domain
            """,
            """
            WITH next AS (
                SELECT TOP (@limit) * FROM send_batches WITH (UPDLOCK, READPAST)
                WHERE status = 'pending' AND not_before <= @nowUs AND lease_until < @nowUs ORDER BY id)
            UPDATE next SET holder = @holder, lease_until = @lease
            OUTPUT INSERTED.id, INSERTED.campaign_id, INSERTED.domain
            """);
        var rows = await connection.QueryListAsync(sql, new { holder, lease = UnixMicros.From(leaseUntil), nowUs = UnixMicros.From(clock.UtcNow), limit },
            r => new PendingBatch(r.GetInt64(0), r.GetInt64(1), r.GetString(2)), cancellationToken: cancellationToken);
        return [.. rows.OrderBy(b => b.Id)];
    }

    /// <summary>Batches waiting for the bus (for tests and status pages; publishing takes them with <see cref="TakePendingBatchesAsync"/>).</summary>
    public async Task<IReadOnlyList<PendingBatch>> PendingBatchesAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var sql = db.Pick(
            "SELECT id, campaign_id, domain FROM send_batches WHERE status = 'pending' AND not_before <= @nowUs ORDER BY id LIMIT @limit",
            "SELECT TOP (@limit) id, campaign_id, domain FROM send_batches WHERE status = 'pending' AND not_before <= @nowUs ORDER BY id");
        return await connection.QueryListAsync(sql, new { nowUs = UnixMicros.From(clock.UtcNow), limit },
            r => new PendingBatch(r.GetInt64(0), r.GetInt64(1), r.GetString(2)), cancellationToken: cancellationToken);
    }

    public async Task MarkPublishedAsync(IReadOnlyList<long> batchIds, CancellationToken cancellationToken = default)
    {
        if (batchIds.Count == 0)
        {
            return;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE send_batches SET status = 'published', holder = NULL, lease_until = 0, updated_at = @now WHERE id IN @batchIds AND status = 'pending'",
            new { batchIds = batchIds.ToArray(), now = clock.UtcNow }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Batches whose worker died (its lease passed) go out again. With <paramref name="includePublished"/> (the
    /// in-memory bus, whose queue died with the process) batches published before are sent again too.
    /// </summary>
    public async Task<int> RequeueAbandonedAsync(bool includePublished, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(connection, cancellationToken);
        var args = new { nowUs = UnixMicros.From(now), now, includePublished };
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE sends SET status = 'queued'
            WHERE status = 'sending' AND batch_id IN (
                SELECT id FROM send_batches WHERE status = 'running' AND (lease_until < @nowUs OR @includePublished = 1))
            """, args, tx, cancellationToken: cancellationToken));
        var n = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE send_batches SET status = 'pending', holder = NULL, lease_until = 0, updated_at = @now
            WHERE (status = 'running' AND (lease_until < @nowUs OR @includePublished = 1))
               OR (status = 'published' AND @includePublished = 1)
            """, args, tx, cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
        return n;
    }

    /// <summary>Takes a batch for this worker, or says why not. A worker that died lets go when its lease passes.</summary>
    public async Task<BatchClaim> ClaimBatchAsync(long batchId, string holder, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(connection, cancellationToken);
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
        await using var tx = await BeginWriteAsync(connection, cancellationToken);
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
        await using var tx = await BeginWriteAsync(connection, cancellationToken);
        await ReleaseAsync(connection, tx, batchId, status, notBefore is { } t ? UnixMicros.From(t) : 0, now, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Deferred recipients whose time has come go into new batches; those deferred for longer than
    /// <paramref name="maxAge"/> since their campaign started fail as expired. Returns the batches made.
    /// </summary>
    public async Task<int> ScheduleRetriesAsync(TimeSpan maxAge, int batchSize, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(connection, cancellationToken);
        var nowUs = UnixMicros.From(now);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE sends SET status = 'failed', updated_at = @now, last_reply = 'expired: still deferred after ' + @hours + ' hours; last reply: ' + COALESCE(last_reply, '')
            WHERE status = 'deferred' AND next_attempt_at <= @nowUs
              AND campaign_id IN (SELECT id FROM campaigns WHERE started_at < @cutoff)
            """.Replace("' + @hours + '", db.IsSqlite ? "' || @hours || '" : "' + @hours + '", StringComparison.Ordinal)
               .Replace("' + COALESCE", db.IsSqlite ? "' || COALESCE" : "' + COALESCE", StringComparison.Ordinal),
            new { now, nowUs, cutoff = now - maxAge, hours = ((int)maxAge.TotalHours).ToString(System.Globalization.CultureInfo.InvariantCulture) },
            tx, cancellationToken: cancellationToken));
        var sql = db.Pick(
            """
            SELECT x.campaign_id, x.subscriber_id, x.domain FROM sends x JOIN campaigns c ON c.id = x.campaign_id
            WHERE x.status = 'deferred' AND x.next_attempt_at <= @nowUs AND c.status = 'sending'
            ORDER BY x.campaign_id, x.domain LIMIT 10000
            """,
            """
            SELECT TOP (10000) x.campaign_id, x.subscriber_id, x.domain FROM sends x JOIN campaigns c ON c.id = x.campaign_id
            WHERE x.status = 'deferred' AND x.next_attempt_at <= @nowUs AND c.status = 'sending'
            ORDER BY x.campaign_id, x.domain
            """);
        var due = await connection.QueryListAsync(sql, new { nowUs }, r => (Campaign: r.GetInt64(0), Subscriber: r.GetInt64(1), Domain: r.GetString(2)), tx, cancellationToken);
        var made = 0;
        foreach (var group in due.GroupBy(d => (d.Campaign, d.Domain)))
        {
            foreach (var chunk in group.Chunk(batchSize))
            {
                var batchId = await InsertBatchAsync(connection, tx, group.Key.Campaign, group.Key.Domain, chunk.Length, now, cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    UPDATE sends SET status = 'queued', batch_id = @batchId, updated_at = @now
                    WHERE campaign_id = @campaignId AND subscriber_id = @subscriberId AND status = 'deferred'
                    """, chunk.Select(c => new { batchId, now, campaignId = c.Campaign, subscriberId = c.Subscriber }).ToArray(), tx, cancellationToken: cancellationToken));
                made++;
            }
        }

        await tx.CommitAsync(cancellationToken);
        return made;
    }

    /// <summary>Campaigns with nothing left to send are finished.</summary>
    public async Task<int> FinishCampaignsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE campaigns SET status = 'finished', finished_at = @now, updated_at = @now
            WHERE status = 'sending'
              AND NOT EXISTS (SELECT 1 FROM sends x WHERE x.campaign_id = campaigns.id AND x.status IN ('queued', 'sending', 'deferred'))
              AND NOT EXISTS (SELECT 1 FROM send_batches b WHERE b.campaign_id = campaigns.id AND b.status IN ('pending', 'published', 'running', 'held'))
            """, new { now = clock.UtcNow }, cancellationToken: cancellationToken));
    }

    /// <summary>Batches waiting for a worker (pending or published), and being sent.</summary>
    public async Task<(long Waiting, long Running)> CountBatchesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryListAsync(
            "SELECT status, COUNT(*) AS n FROM send_batches WHERE status IN ('pending', 'published', 'running') GROUP BY status", null,
            r => (Status: r.GetString(0), N: r.GetInt64("n")), cancellationToken: cancellationToken);
        return (rows.Where(r => r.Status != "running").Sum(r => r.N), rows.Where(r => r.Status == "running").Sum(r => r.N));
    }

    public async Task ReleaseHeldBatchesAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE send_batches SET status = 'pending', not_before = 0, updated_at = @now WHERE campaign_id = @campaignId AND status = 'held'",
            new { campaignId, now = clock.UtcNow }, cancellationToken: cancellationToken));
    }

    public async Task CancelUnsentAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(connection, cancellationToken);
        var args = new { campaignId, now };
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE sends SET status = 'cancelled', updated_at = @now WHERE campaign_id = @campaignId AND status IN ('queued', 'deferred')",
            args, tx, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE send_batches SET status = 'done', updated_at = @now WHERE campaign_id = @campaignId AND status IN ('pending', 'published', 'held')",
            args, tx, cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<CampaignProgress> GetProgressAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        await using var connection = await db.OpenAsync(cancellationToken);
        var found = await connection.QueryListAsync("SELECT status, planned FROM campaigns WHERE id = @campaignId", new { campaignId },
            r => (Status: r.GetEnum<CampaignStatus>("status"), Planned: r.GetInt64("planned")), cancellationToken: cancellationToken);
        if (found.Count == 0)
        {
            throw new NotFoundException($"Campaign {campaignId} does not exist.");
        }

        var campaign = found[0];

        var totals = (await connection.QueryListAsync(
            "SELECT status, COUNT(*) AS n FROM sends WHERE campaign_id = @campaignId GROUP BY status", new { campaignId },
            r => (Status: r.GetEnum<SendStatus>("status"), N: r.GetInt64("n")), cancellationToken: cancellationToken)).ToDictionary(x => x.Status, x => x.N);
        var domainSql = db.Pick(
            """
            SELECT d.domain, d.queued, d.sent, d.deferred, d.failed, t.backoff_until, t.last_reply FROM (
                SELECT domain,
                       SUM(CASE WHEN status IN ('queued', 'sending') THEN 1 ELSE 0 END) AS queued,
                       SUM(CASE WHEN status = 'sent' THEN 1 ELSE 0 END) AS sent,
                       SUM(CASE WHEN status = 'deferred' THEN 1 ELSE 0 END) AS deferred,
                       SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed,
                       COUNT(*) AS total
                FROM sends WHERE campaign_id = @campaignId GROUP BY domain) d
            LEFT JOIN domain_throttles t ON t.domain = d.domain
            ORDER BY d.total DESC LIMIT 50
            """,
            """
            SELECT TOP (50) d.domain, d.queued, d.sent, d.deferred, d.failed, t.backoff_until, t.last_reply FROM (
                SELECT domain,
                       SUM(CASE WHEN status IN ('queued', 'sending') THEN 1 ELSE 0 END) AS queued,
                       SUM(CASE WHEN status = 'sent' THEN 1 ELSE 0 END) AS sent,
                       SUM(CASE WHEN status = 'deferred' THEN 1 ELSE 0 END) AS deferred,
                       SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed,
                       COUNT(*) AS total
                FROM sends WHERE campaign_id = @campaignId GROUP BY domain) d
            LEFT JOIN domain_throttles t ON t.domain = d.domain
            ORDER BY d.total DESC
            """);
        var nowUs = UnixMicros.From(now);
        var domains = await connection.QueryListAsync(domainSql, new { campaignId }, r =>
        {
            var backoff = r["backoff_until"] is DBNull ? 0 : r.GetInt64("backoff_until");
            return new DomainProgress(r.GetString(0), r.GetInt64("queued"), r.GetInt64("sent"), r.GetInt64("deferred"), r.GetInt64("failed"),
                backoff > nowUs ? UnixMicros.ToTime(backoff) : null, backoff > nowUs ? r["last_reply"] as string : null);
        }, cancellationToken: cancellationToken);
        long Count(SendStatus s) => totals.GetValueOrDefault(s);
        return new CampaignProgress(campaignId, campaign.Status, campaign.Planned, Count(SendStatus.Queued), Count(SendStatus.Sending), Count(SendStatus.Sent),
            Count(SendStatus.Deferred), Count(SendStatus.Failed), Count(SendStatus.Cancelled), domains, now);
    }

    private async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false) // take the write lock up front: no failure half-way on a busy file
            : await connection.BeginTransactionAsync(cancellationToken);

    private async Task<long> InsertBatchAsync(DbConnection connection, DbTransaction tx, long campaignId, string domain, int size, DateTimeOffset now, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(db.Pick(
                "INSERT INTO send_batches (campaign_id, domain, size, status, created_at, updated_at) VALUES (@campaignId, @domain, @size, 'pending', @now, @now) RETURNING id",
                "INSERT INTO send_batches (campaign_id, domain, size, status, created_at, updated_at) OUTPUT INSERTED.id VALUES (@campaignId, @domain, @size, 'pending', @now, @now)"),
            new { campaignId, domain, size, now }, tx, cancellationToken: cancellationToken));

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
