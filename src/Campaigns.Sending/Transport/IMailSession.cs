using MimeKit;

namespace Campaigns.Sending.Transport;

/// <summary>
/// One connection held for a run of messages (a batch): many messages go over it, and disposing it returns the
/// connection to its pool. A session never throws for a server's answer; it says what happened in the result.
/// </summary>
public interface IMailSession : IAsyncDisposable
{
    /// <summary>Sends one message with the given envelope (VERP return path, one recipient).</summary>
    Task<DeliveryResult> SendAsync(MimeMessage message, string envelopeFrom, string recipient, CancellationToken cancellationToken);
}
