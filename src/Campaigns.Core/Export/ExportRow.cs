using Campaigns.Core.Subscribers;

namespace Campaigns.Core.Export;

public sealed record ExportRow(
    string Email,
    string Name,
    SubscriberStatus Status,
    MembershipStatus ListStatus,
    DateTimeOffset SubscribedAt,
    DateTimeOffset UpdatedAt,
    string AttributesJson);
