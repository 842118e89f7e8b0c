using Campaigns.Core.Common;
using Campaigns.Core.Subscribers;
using Campaigns.Sending.Transport;
using MimeKit;

namespace Campaigns.Sending.Composition;

/// <summary>Sends a layout rendered around sample content to one address, so its look can be checked in real mail clients.</summary>
public sealed class TemplateTester(TemplatePreviewer previewer, IMailTransport transport)
{
    public async Task<DeliveryResult> SendAsync(string layout, string templateName, string from, string to, CancellationToken cancellationToken = default)
    {
        if (!EmailAddress.TryNormalize(to ?? "", out var recipient, out var toError))
        {
            throw new ValidationException($"'{to}' is not a valid address: {toError}.", "to");
        }

        if (!EmailAddress.TryNormalize(from ?? "", out var sender, out var fromError))
        {
            throw new ValidationException($"'{from}' is not a valid address: {fromError}.", "from");
        }

        var preview = await previewer.LayoutAsync(layout, cancellationToken);
        if (preview.Message is not { } rendered)
        {
            throw new ValidationException("The template has errors: " + string.Join("; ", preview.Errors), "body");
        }

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(sender.Email));
        message.To.Add(MailboxAddress.Parse(recipient.Email));
        // MimeKit encodes the subject; the template's name is user text but can never break the header.
        message.Subject = $"[Test] {templateName}";
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(sender.Email[(sender.Email.IndexOf('@') + 1)..]);
        message.Body = new BodyBuilder { HtmlBody = rendered.Html, TextBody = rendered.Text }.ToMessageBody();
        await using var session = await transport.OpenSessionAsync(recipient.Key[(recipient.Key.LastIndexOf('@') + 1)..], cancellationToken);
        return await session.SendAsync(message, sender.Email, recipient.Email, cancellationToken);
    }
}
