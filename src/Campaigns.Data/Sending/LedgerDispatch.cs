using System.Data.Common;
using Campaigns.Core.Common;
using Campaigns.Core.Sending;
using Campaigns.Data.Infrastructure;
using Dapper;

namespace Campaigns.Data.Sending;

/// <summary>
/// The dispatcher's side of the ledger: campaigns due to start, batches to publish (an outbox), batches whose
/// worker died, deferred recipients whose time has come, and campaigns with nothing left to send.
/// </summary>
public sealed class LedgerDispatch(Database db, IClock clock)
{
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
        await using var tx = await LedgerSql.BeginWriteAsync(connection, cancellationToken);
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

    /// <summary>
    /// Deferred recipients whose time has come go into new batches; those deferred for longer than
    /// <paramref name="maxAge"/> since their campaign started fail as expired. Returns the batches made.
    /// </summary>
    public async Task<int> ScheduleRetriesAsync(TimeSpan maxAge, int batchSize, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var tx = await LedgerSql.BeginWriteAsync(connection, cancellationToken);
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
                var batchId = await LedgerSql.InsertBatchAsync(db, connection, tx, group.Key.Campaign, group.Key.Domain, chunk.Length, now, cancellationToken);
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
}
