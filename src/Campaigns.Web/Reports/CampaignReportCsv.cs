using System.Globalization;
using System.Text;
using Campaigns.Web.Admin;

namespace Campaigns.Web.Reports;

/// <summary>A campaign report as CSV: a summary section, then links, domains and the timeline, each with its own header.</summary>
public static class CampaignReportCsv
{
    public static string Write(CampaignReport report)
    {
        var csv = new StringBuilder();
        var p = report.Progress;
        var e = report.Engagement;
        Line(csv, "metric", "value");
        Line(csv, "campaign", report.Campaign.Name);
        Line(csv, "status", report.Campaign.Status.ToString().ToLowerInvariant());
        foreach (var (name, value) in new (string, long)[]
        {
            ("recipients", p.Planned), ("delivered", p.Sent), ("failed", p.Failed), ("deferred", p.Deferred), ("queued", p.Queued), ("cancelled", p.Cancelled),
            ("unique_opens", e.UniqueOpens), ("total_opens", e.TotalOpens), ("prefetch_opens", e.PrefetchOpens),
            ("unique_clicks", e.UniqueClicks), ("total_clicks", e.TotalClicks), ("unsubscribes", e.Unsubscribes),
            ("bounces_hard", report.BounceCount("hard")), ("bounces_soft", report.BounceCount("soft")), ("complaints", report.BounceCount("complaint")),
            ("autoreplies", report.BounceCount("autoreply")), ("bounces_unknown", report.BounceCount("unknown")),
        })
        {
            Line(csv, name, value.ToString(CultureInfo.InvariantCulture));
        }

        csv.AppendLine();
        Line(csv, "link", "unique_clicks", "total_clicks");
        foreach (var link in e.Links)
        {
            Line(csv, link.Url, N(link.UniqueClicks), N(link.TotalClicks));
        }

        csv.AppendLine();
        Line(csv, "domain", "recipients", "sent", "failed", "deferred", "opened", "clicked");
        foreach (var d in report.Domains)
        {
            Line(csv, d.Domain, N(d.Recipients), N(d.Sent), N(d.Failed), N(d.Deferred), N(d.Opened), N(d.Clicked));
        }

        csv.AppendLine();
        Line(csv, report.TimelineUnit + "_utc", "opens", "clicks");
        foreach (var point in report.Timeline)
        {
            Line(csv, point.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), N(point.Opens), N(point.Clicks));
        }

        return csv.ToString();
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Line(StringBuilder csv, params string[] cells) => csv.AppendLine(string.Join(",", cells.Select(AdminEndpoints.Csv)));
}
