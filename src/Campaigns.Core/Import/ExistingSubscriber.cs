using Campaigns.Core.Subscribers;

namespace Campaigns.Core.Import;

/// <summary>What the database already knows of an address in the file.</summary>
/// <param name="Membership">The membership in the import's list, or null when not a member.</param>
public sealed record ExistingSubscriber(long Id, SubscriberStatus Status, MembershipStatus? Membership);
