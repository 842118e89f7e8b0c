namespace Campaigns.Data.Feedback;

/// <summary>A bounce or complaint to record. <see cref="SourceKey"/> makes the same report processed twice count once.</summary>
/// <param name="Kind">hard, soft, complaint, autoreply or unknown.</param>
/// <param name="Source">smtp (a reply during sending) or mailbox (a returned message).</param>
public sealed record BounceRecord(long? CampaignId, long? SubscriberId, string Email, string Kind, string Source, string? Status, string Reason, string SourceKey);
