namespace Campaigns.Core.Subscribers;

public sealed record ListMembership(
    long ListId,
    string ListName,
    MembershipStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
