using Campaigns.Core.Subscribers;

namespace Campaigns.Web.Api;

public sealed record SubscriberDetail(Subscriber Subscriber, IReadOnlyList<ListMembership> Memberships);
