using Campaigns.Core.Sending;

namespace Campaigns.Data.Sending;

/// <summary>The outcome of one recipient, written to the ledger. <see cref="NextAttemptAt"/> is set for a deferral.</summary>
public sealed record SendRecord(
    long CampaignId,
    long SubscriberId,
    SendStatus Status,
    string? Reply,
    string? MessageId = null,
    string? Server = null,
    DateTimeOffset? NextAttemptAt = null,
    bool CountsAsAttempt = true);
