namespace Campaigns.Core.Sending;

public enum CampaignStatus
{
    Draft,
    Scheduled,

    /// <summary>The audience is being written to the send ledger; batches go out while it runs.</summary>
    Planning,
    Sending,
    Paused,
    Cancelled,
    Finished,
}
