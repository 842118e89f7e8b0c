namespace Campaigns.Core.Feedback;

/// <summary>What a subscribe form did for one list.</summary>
public sealed record SubscribeResult(long SubscriberId, long ListId, string ListName, SubscribeOutcome Outcome);
