namespace Campaigns.Core.Feedback;

public sealed record LinkEngagement(long LinkId, string Url, long UniqueClicks, long TotalClicks);
