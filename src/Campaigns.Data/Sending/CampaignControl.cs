using System.Data.Common;
using Campaigns.Core.Common;
using Campaigns.Core.Sending;
using Campaigns.Data.Infrastructure;
using Dapper;

namespace Campaigns.Data.Sending;

/// <summary>The ledger side of pausing, resuming and cancelling a campaign, and its progress read from the ledger.</summary>
public sealed class CampaignControl(Database db, IClock clock) : ICampaignControl
{
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
        await using var tx = await LedgerSql.BeginWriteAsync(connection, cancellationToken);
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
}
