using System.Globalization;
using Campaigns.Core.Reports;
using Campaigns.Data.Infrastructure;

namespace Campaigns.Data.Reports;

public sealed class ReportStore(Database db) : IReportStore
{
    public async Task<IReadOnlyList<EngagementPoint>> EngagementPerMinuteAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        // Times are stored in UTC, so the first 16 characters are the minute on both databases.
        var minute = db.Pick("substr(at, 1, 16)", "CONVERT(varchar(16), at, 120)");
        var sql = $"""
            SELECT {minute} AS minute,
                   SUM(CASE WHEN kind = 'open' AND prefetch = 0 THEN 1 ELSE 0 END) AS opens,
                   SUM(CASE WHEN kind = 'click' THEN 1 ELSE 0 END) AS clicks
            FROM tracking_events WHERE campaign_id = @campaignId
            GROUP BY {minute} ORDER BY {minute}
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QueryListAsync(sql, new { campaignId }, r => new EngagementPoint(
            DateTimeOffset.ParseExact(r.GetText("minute"), "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            r.GetInt64("opens"), r.GetInt64("clicks")), cancellationToken: cancellationToken);
    }

    public async Task<IReadOnlyList<DomainReport>> DomainsAsync(long campaignId, int limit = 25, CancellationToken cancellationToken = default)
    {
        var top = db.Pick("", "TOP (@limit)");
        var tail = db.Pick("LIMIT @limit", "");
        var sql = $"""
            SELECT {top} s.domain,
                   COUNT(*) AS recipients,
                   SUM(CASE WHEN s.status = 'sent' THEN 1 ELSE 0 END) AS sent,
                   SUM(CASE WHEN s.status = 'failed' THEN 1 ELSE 0 END) AS failed,
                   SUM(CASE WHEN s.status = 'deferred' THEN 1 ELSE 0 END) AS deferred,
                   SUM(CASE WHEN EXISTS (SELECT 1 FROM tracking_events e WHERE e.campaign_id = s.campaign_id AND e.subscriber_id = s.subscriber_id
                                         AND ((e.kind = 'open' AND e.prefetch = 0) OR e.kind = 'click')) THEN 1 ELSE 0 END) AS opened,
                   SUM(CASE WHEN EXISTS (SELECT 1 FROM tracking_events e WHERE e.campaign_id = s.campaign_id AND e.subscriber_id = s.subscriber_id
                                         AND e.kind = 'click') THEN 1 ELSE 0 END) AS clicked
            FROM sends s WHERE s.campaign_id = @campaignId
            GROUP BY s.domain ORDER BY COUNT(*) DESC, s.domain
            {tail}
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QueryListAsync(sql, new { campaignId, limit = Math.Clamp(limit, 1, 1000) }, r => new DomainReport(
            r.GetText("domain"), r.GetInt64("recipients"), r.GetInt64("sent"), r.GetInt64("failed"), r.GetInt64("deferred"),
            r.GetInt64("opened"), r.GetInt64("clicked")), cancellationToken: cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, long>> BouncesByKindAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryListAsync(
            "SELECT kind, COUNT(DISTINCT email) AS n FROM bounces WHERE campaign_id = @campaignId GROUP BY kind", new { campaignId },
            r => (Kind: r.GetText("kind"), Count: r.GetInt64("n")), cancellationToken: cancellationToken);
        return rows.ToDictionary(r => r.Kind, r => r.Count);
    }

    public async Task<IReadOnlyList<HistoryEntry>> SubscriberHistoryAsync(long subscriberId, int limit = 200, CancellationToken cancellationToken = default)
    {
        // Each source is read newest first and capped, then merged: one subscriber's rows, all through indexes.
        var cap = Math.Clamp(limit, 1, 1000);
        var top = db.Pick("", $"TOP ({cap})");
        var tail = db.Pick($"LIMIT {cap}", "");
        await using var connection = await db.OpenAsync(cancellationToken);
        var entries = new List<HistoryEntry>();
        entries.AddRange(await connection.QueryListAsync(
            $"""
            SELECT {top} s.updated_at AS at, s.status, s.attempts, s.last_reply, s.campaign_id, c.name
            FROM sends s JOIN campaigns c ON c.id = s.campaign_id
            WHERE s.subscriber_id = @subscriberId ORDER BY s.updated_at DESC {tail}
            """, new { subscriberId },
            r => new HistoryEntry(r.GetTime("at"), "send " + r.GetText("status"), r.GetInt64("campaign_id"), r.GetText("name"),
                r["last_reply"] is string reply && reply.Length > 0 ? $"{r.GetInt64("attempts")} attempt(s); last reply: {reply}" : $"{r.GetInt64("attempts")} attempt(s)"),
            cancellationToken: cancellationToken));
        entries.AddRange(await connection.QueryListAsync(
            $"""
            SELECT {top} e.at, e.kind, e.prefetch, e.campaign_id, c.name, l.url
            FROM tracking_events e
            LEFT JOIN campaigns c ON c.id = e.campaign_id
            LEFT JOIN campaign_links l ON l.id = e.link_id
            WHERE e.subscriber_id = @subscriberId ORDER BY e.at DESC {tail}
            """, new { subscriberId },
            r => new HistoryEntry(r.GetTime("at"), r.GetText("kind"), r.GetInt64("campaign_id"), r.GetText("name"),
                r.GetText("kind") == "click" ? r.GetText("url") : r.GetInt64("prefetch") == 1 ? "by a mail provider's image proxy" : ""),
            cancellationToken: cancellationToken));
        entries.AddRange(await connection.QueryListAsync(
            $"""
            SELECT {top} b.created_at AS at, b.kind, b.status, b.reason, b.campaign_id, c.name
            FROM bounces b LEFT JOIN campaigns c ON c.id = b.campaign_id
            WHERE b.subscriber_id = @subscriberId ORDER BY b.created_at DESC {tail}
            """, new { subscriberId },
            r => new HistoryEntry(r.GetTime("at"), "bounce " + r.GetText("kind"), r["campaign_id"] is DBNull ? null : r.GetInt64("campaign_id"),
                r["name"] is DBNull ? null : r.GetText("name"), $"{r.GetText("status")} {r.GetText("reason")}".Trim()),
            cancellationToken: cancellationToken));
        entries.AddRange(await connection.QueryListAsync(
            $"""
            SELECT {top} se.at, se.kind, se.source, se.campaign_id, l.name AS list_name, c.name
            FROM subscription_events se
            LEFT JOIN lists l ON l.id = se.list_id
            LEFT JOIN campaigns c ON c.id = se.campaign_id
            WHERE se.subscriber_id = @subscriberId ORDER BY se.at DESC {tail}
            """, new { subscriberId },
            r => new HistoryEntry(r.GetTime("at"), r.GetText("kind"), r["campaign_id"] is DBNull ? null : r.GetInt64("campaign_id"),
                r["name"] is DBNull ? null : r.GetText("name"),
                (r["list_name"] is string list ? $"list {list}, " : "") + "by " + r.GetText("source")),
            cancellationToken: cancellationToken));
        return [.. entries.OrderByDescending(e => e.At).Take(cap)];
    }
}
