using MimeKit;
using MimeKit.Text;
using MimeKit.Utils;

namespace Campaigns.Mail.Messages;

/// <summary>
/// Builds the MIME message of one recipient: multipart/alternative (text, then HTML), a unique Message-ID, Date,
/// From/Reply-To/To, List-Id, and RFC 8058 one-click unsubscribe headers. Values that come from subscriber or
/// user data go through <see cref="HeaderText.Clean"/> and MimeKit's encoders, so they cannot add headers.
/// </summary>
public static class MessageBuilder
{
    public static MimeMessage Build(OutgoingMessage m, DateTimeOffset date) =>
        Build(m, date, TextPart(TextFormat.Plain, m.Text), TextPart(TextFormat.Html, m.Html));

    /// <summary>
    /// The sending path: the parts' UTF-8 bytes are read from <paramref name="text"/> and <paramref name="html"/> (which
    /// must outlive the message's last write) instead of <see cref="OutgoingMessage.Text"/> and <see cref="OutgoingMessage.Html"/>.
    /// </summary>
    public static MimeMessage Build(OutgoingMessage m, DateTimeOffset date, Utf8Buffer text, Utf8Buffer html) =>
        Build(m, date, TextPart(TextFormat.Plain, text), TextPart(TextFormat.Html, html));

    private static MimeMessage Build(OutgoingMessage m, DateTimeOffset date, TextPart text, TextPart html)
    {
        var message = new MimeMessage
        {
            Date = date,
            Subject = HeaderText.Clean(m.Subject),
            MessageId = MimeUtils.GenerateMessageId(DomainOf(m.FromAddress)),
        };
        message.From.Add(new MailboxAddress(HeaderText.Clean(m.FromName), HeaderText.Clean(m.FromAddress)));
        message.To.Add(new MailboxAddress(HeaderText.Clean(m.ToName), HeaderText.Clean(m.ToAddress)));
        if (!string.IsNullOrWhiteSpace(m.ReplyTo))
        {
            message.ReplyTo.Add(MailboxAddress.Parse(HeaderText.Clean(m.ReplyTo)));
        }

        message.Headers.Add(HeaderId.ReturnPath, $"<{HeaderText.Clean(m.ReturnPath)}>");
        message.Headers.Add("List-Id", HeaderText.Clean(m.ListId));
        var unsubscribe = $"<{HeaderText.Clean(m.UnsubscribeUrl)}>";
        if (!string.IsNullOrWhiteSpace(m.UnsubscribeMailto))
        {
            unsubscribe += $", <mailto:{HeaderText.Clean(m.UnsubscribeMailto)}>";
        }

        message.Headers.Add("List-Unsubscribe", unsubscribe);
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        if (!string.IsNullOrWhiteSpace(m.CampaignTag))
        {
            message.Headers.Add("X-Campaign", HeaderText.Clean(m.CampaignTag));
        }

        message.Body = new MultipartAlternative { text, html };
        return message;
    }

    /// <summary>
    /// A UTF-8 part, quoted-printable from the start: safe under any transport constraint, so MimeKit does not scan the
    /// whole body for its best encoding again when the message is sent or signed.
    /// </summary>
    private static TextPart TextPart(TextFormat format, string text) =>
        new(format) { Text = text, ContentTransferEncoding = ContentEncoding.QuotedPrintable };

    private static TextPart TextPart(TextFormat format, Utf8Buffer utf8)
    {
        var part = new TextPart(format) { Content = new MimeContent(utf8.AsStream()), ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        part.ContentType.Charset = "utf-8";
        return part;
    }

    private static string DomainOf(string address)
    {
        var at = address.LastIndexOf('@');
        return at < 0 ? "localhost" : HeaderText.Clean(address[(at + 1)..]);
    }
}
