namespace Campaigns.Core.Reports;

/// <summary>Opens and clicks in one time bucket (UTC) starting at <see cref="At"/>; prefetch opens are left out.</summary>
public sealed record EngagementPoint(DateTimeOffset At, long Opens, long Clicks);
