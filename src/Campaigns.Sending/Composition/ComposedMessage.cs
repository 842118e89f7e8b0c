using MimeKit;

namespace Campaigns.Sending.Composition;

/// <summary>
/// A recipient's signed message and its envelope sender (the VERP return path). Its body lives in pooled buffers:
/// dispose it once the message is sent (one not disposed is only collected, never reused).
/// </summary>
public sealed record ComposedMessage(MimeMessage Message, string EnvelopeFrom, IDisposable? Body = null) : IDisposable
{
    public void Dispose() => Body?.Dispose();
}
