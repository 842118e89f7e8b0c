namespace Campaigns.Core.Reports;

/// <summary>Re-buckets per-minute counts so a chart has a readable number of points: minutes, hours or days.</summary>
public static class Timeline
{
    public static IReadOnlyList<EngagementPoint> Bucket(IReadOnlyList<EngagementPoint> perMinute, out string unit)
    {
        unit = "minute";
        if (perMinute.Count == 0)
        {
            return [];
        }

        var span = perMinute[^1].At - perMinute[0].At;
        var size = span <= TimeSpan.FromHours(3) ? TimeSpan.FromMinutes(1)
            : span <= TimeSpan.FromDays(3) ? TimeSpan.FromHours(1)
            : TimeSpan.FromDays(1);
        unit = size == TimeSpan.FromMinutes(1) ? "minute" : size == TimeSpan.FromHours(1) ? "hour" : "day";
        var buckets = perMinute
            .GroupBy(p => new DateTimeOffset(p.At.UtcTicks - (p.At.UtcTicks % size.Ticks), TimeSpan.Zero))
            .ToDictionary(g => g.Key, g => (Opens: g.Sum(p => p.Opens), Clicks: g.Sum(p => p.Clicks)));

        // Empty buckets are filled in, so a quiet hour shows as zero instead of a line drawn across it.
        var result = new List<EngagementPoint>();
        // A line needs two points: a single busy bucket is shown after an empty one.
        var first = buckets.Count == 1 ? buckets.Keys.Min() - size : buckets.Keys.Min();
        var last = buckets.Keys.Max();
        for (var at = first; at <= last && result.Count < 2000; at += size)
        {
            var (opens, clicks) = buckets.GetValueOrDefault(at);
            result.Add(new EngagementPoint(at, opens, clicks));
        }

        return result;
    }
}
