namespace Campaigns.Core.Feedback;

/// <summary>
/// Opens and clicks of a campaign: unique counts recipients, total counts events. Opens by mail providers'
/// proxies (prefetch) are counted apart and left out of the unique and total opens.
/// </summary>
public sealed record CampaignEngagement(
    long CampaignId,
    long UniqueOpens,
    long TotalOpens,
    long PrefetchOpens,
    long UniqueClicks,
    long TotalClicks,
    long Unsubscribes,
    IReadOnlyList<LinkEngagement> Links);
