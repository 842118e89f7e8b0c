namespace Campaigns.Core.Subscribers;

/// <param name="Search">The start of an email address, or (when it has no @) part of a name; empty for everyone.</param>
/// <param name="ListId">Only members of this list.</param>
/// <param name="MembershipStatus">With <paramref name="ListId"/>: only members in this state.</param>
/// <param name="Status">Only enabled or only blocklisted subscribers.</param>
/// <param name="AttributeName">Only subscribers whose attribute of this name equals <paramref name="AttributeValue"/>.</param>
public sealed record SubscriberQuery(
    string? Search = null,
    long? ListId = null,
    int Offset = 0,
    int Limit = 50,
    SubscriberStatus? Status = null,
    MembershipStatus? MembershipStatus = null,
    string? AttributeName = null,
    string? AttributeValue = null);
