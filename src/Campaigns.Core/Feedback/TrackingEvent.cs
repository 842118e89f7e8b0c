namespace Campaigns.Core.Feedback;

/// <summary>An open or a click. <see cref="Prefetch"/>: fetched by a mail provider's proxy, not seen by a reader.</summary>
public sealed record TrackingEvent(long CampaignId, long SubscriberId, TrackingEventKind Kind, long? LinkId, bool Prefetch, DateTimeOffset At);
