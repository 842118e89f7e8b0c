using Campaigns.Core.Reports;

namespace Campaigns.Core.Tests.Reports;

public sealed class TimelineTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Short_campaigns_are_shown_per_minute_with_quiet_minutes_as_zero()
    {
        var points = Timeline.Bucket([new(Start, 3, 1), new(Start.AddMinutes(3), 1, 0)], out var unit);
        Assert.Equal("minute", unit);
        Assert.Equal([3L, 0, 0, 1], points.Select(p => p.Opens));
    }

    [Fact]
    public void A_week_is_shown_per_day_and_a_single_bucket_gets_an_empty_one_before_it()
    {
        var week = Timeline.Bucket([new(Start, 1, 0), new(Start.AddMinutes(5), 2, 1), new(Start.AddDays(6), 4, 2)], out var unit);
        Assert.Equal("day", unit);
        Assert.Equal(7, week.Count);
        Assert.Equal(3, week[0].Opens);
        Assert.Equal(1, week[0].Clicks);

        var single = Timeline.Bucket([new(Start, 2, 1)], out _);
        Assert.Equal([0L, 2], single.Select(p => p.Opens));
    }
}
