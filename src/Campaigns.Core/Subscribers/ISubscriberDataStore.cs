namespace Campaigns.Core.Subscribers;

/// <summary>A subscriber's own data on request: all of it as JSON, or erased while campaign totals stay.</summary>
public interface ISubscriberDataStore
{
    /// <summary>Everything held about the subscriber, as one JSON document; null when there is no such subscriber.</summary>
    Task<string?> ExportJsonAsync(long subscriberId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the subscriber, their memberships and history, and scrubs their address from bounces, replies and
    /// import reports. The send ledger and the events keep their rows without anything that names the person,
    /// so every campaign's totals stay as they were. A suppression of the address stays, so it is never mailed again.
    /// </summary>
    Task<bool> EraseAsync(long subscriberId, CancellationToken cancellationToken = default);
}
