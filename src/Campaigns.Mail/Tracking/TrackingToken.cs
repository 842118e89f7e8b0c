namespace Campaigns.Mail.Tracking;

/// <summary>What a public link refers to. <see cref="LinkId"/> is 0 except for clicks.</summary>
public readonly record struct TrackingToken(TrackingKind Kind, long CampaignId, long SubscriberId, long LinkId = 0);
