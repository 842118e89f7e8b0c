namespace Campaigns.Core.Sending;

/// <summary>The ledger side of pausing, resuming and cancelling.</summary>
public interface ICampaignControl
{
    /// <summary>Batches held back while the campaign was paused go out again.</summary>
    Task ReleaseHeldBatchesAsync(long campaignId, CancellationToken cancellationToken = default);

    /// <summary>Every recipient not yet sent is recorded as cancelled.</summary>
    Task CancelUnsentAsync(long campaignId, CancellationToken cancellationToken = default);

    Task<CampaignProgress> GetProgressAsync(long campaignId, CancellationToken cancellationToken = default);
}
