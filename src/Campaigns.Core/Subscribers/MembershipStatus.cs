namespace Campaigns.Core.Subscribers;

public enum MembershipStatus
{
    Unconfirmed,
    Confirmed,
    Unsubscribed,
}
