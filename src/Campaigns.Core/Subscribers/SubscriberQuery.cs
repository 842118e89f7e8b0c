namespace Campaigns.Core.Subscribers;

/// <param name="Search">An email prefix or part of a name; empty for everyone.</param>
/// <param name="ListId">Only members of this list.</param>
public sealed record SubscriberQuery(string? Search = null, long? ListId = null, int Offset = 0, int Limit = 50);
