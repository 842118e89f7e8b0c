namespace Campaigns.Core.Reports;

/// <summary>Read-only views across the ledger and the feedback tables, for report pages and exports.</summary>
public interface IReportStore
{
    /// <summary>Opens and clicks per minute (UTC) since the campaign started.</summary>
    Task<IReadOnlyList<EngagementPoint>> EngagementPerMinuteAsync(long campaignId, CancellationToken cancellationToken = default);

    /// <summary>The campaign's largest recipient domains, by recipients.</summary>
    Task<IReadOnlyList<DomainReport>> DomainsAsync(long campaignId, int limit = 25, CancellationToken cancellationToken = default);

    /// <summary>Bounces and complaints of a campaign by kind (hard, soft, complaint, autoreply, unknown).</summary>
    Task<IReadOnlyDictionary<string, long>> BouncesByKindAsync(long campaignId, CancellationToken cancellationToken = default);

    /// <summary>The newest <paramref name="limit"/> things that happened to a subscriber, newest first.</summary>
    Task<IReadOnlyList<HistoryEntry>> SubscriberHistoryAsync(long subscriberId, int limit = 200, CancellationToken cancellationToken = default);
}
