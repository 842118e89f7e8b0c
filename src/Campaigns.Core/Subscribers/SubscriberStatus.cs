namespace Campaigns.Core.Subscribers;

/// <summary>A blocklisted subscriber is never mailed, whatever their list memberships say.</summary>
public enum SubscriberStatus
{
    Enabled,
    Blocklisted,
}
