namespace Campaigns.Core.Sending;

/// <summary>One recipient domain of a campaign; <see cref="BackoffUntil"/> is set while the domain is backing off after a 4xx.</summary>
public sealed record DomainProgress(string Domain, long Queued, long Sent, long Deferred, long Failed, DateTimeOffset? BackoffUntil, string? LastReply);
