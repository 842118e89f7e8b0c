namespace Campaigns.Core.Feedback;

public sealed record SubscriberPreferences(long SubscriberId, string Email, IReadOnlyList<ListChoice> Lists);
