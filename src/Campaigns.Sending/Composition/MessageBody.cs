using Campaigns.Mail.Messages;

namespace Campaigns.Sending.Composition;

/// <summary>The pooled UTF-8 text and HTML parts of one composed message, returned together.</summary>
internal sealed class MessageBody : IDisposable
{
    public Utf8Buffer Text { get; } = new();

    public Utf8Buffer Html { get; } = new();

    public void Dispose()
    {
        Text.Dispose();
        Html.Dispose();
    }
}
