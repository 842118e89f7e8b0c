namespace Campaigns.Core.Feedback;

public interface ITrackingEventStore
{
    /// <summary>Writes events in one transaction (the recorder batches them).</summary>
    Task AddAsync(IReadOnlyList<TrackingEvent> events, CancellationToken cancellationToken = default);

    Task<CampaignEngagement> GetEngagementAsync(long campaignId, CancellationToken cancellationToken = default);
}
