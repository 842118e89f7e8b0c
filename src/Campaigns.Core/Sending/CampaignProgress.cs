namespace Campaigns.Core.Sending;

/// <summary>A campaign's totals, read from the send ledger, with each recipient domain's share and back-off.</summary>
public sealed record CampaignProgress(
    long CampaignId,
    CampaignStatus Status,
    long Planned,
    long Queued,
    long Sending,
    long Sent,
    long Deferred,
    long Failed,
    long Cancelled,
    IReadOnlyList<DomainProgress> Domains,
    DateTimeOffset At)
{
    public long Done => Sent + Failed + Cancelled;
}
