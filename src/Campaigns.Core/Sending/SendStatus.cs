namespace Campaigns.Core.Sending;

/// <summary>A recipient's row in the send ledger.</summary>
public enum SendStatus
{
    Queued,
    Sending,
    Sent,
    Deferred,
    Failed,
    Cancelled,
}
