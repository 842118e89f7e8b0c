namespace Campaigns.Core.Reports;

/// <summary>One thing that happened to a subscriber: a send, an open or click, a bounce, a subscription change.</summary>
public sealed record HistoryEntry(DateTimeOffset At, string Kind, long? CampaignId, string? CampaignName, string Detail);
