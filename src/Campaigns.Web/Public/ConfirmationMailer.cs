using Campaigns.Core.Feedback;
using Campaigns.Data.Sending;
using Campaigns.Mail.Messages;
using Campaigns.Mail.Tracking;
using Campaigns.Sending;
using Campaigns.Sending.Transport;
using Microsoft.Extensions.Options;

namespace Campaigns.Web.Public;

/// <summary>The double opt-in mail: one link that confirms the membership, signed like every public link.</summary>
public sealed partial class ConfirmationMailer(IMailTransport transport, SiteSecrets secrets, IOptions<SendingOptions> options, IConfiguration configuration,
    TimeProvider time, ILogger<ConfirmationMailer> logger)
{
    public async Task SendAsync(string email, string name, SubscribeResult result, CancellationToken cancellationToken)
    {
        var codec = new TrackingTokenCodec(await secrets.GetKeyAsync("tracking", cancellationToken));
        var baseUrl = options.Value.PublicUrl.TrimEnd('/');
        var link = $"{baseUrl}/confirm/{codec.Encode(new TrackingToken(TrackingKind.Confirm, result.ListId, result.SubscriberId))}";
        var from = configuration["Campaigns:Subscriptions:FromAddress"] is { Length: > 0 } configured
            ? configured
            : $"no-reply@{new Uri(baseUrl).Host}";
        var listName = System.Net.WebUtility.HtmlEncode(result.ListName);
        var message = MessageBuilder.Build(new OutgoingMessage(
            FromName: result.ListName,
            FromAddress: from,
            ToName: name,
            ToAddress: email,
            Subject: $"Confirm your subscription to {result.ListName}",
            Html: $"<p>Please confirm that you want to receive <strong>{listName}</strong>:</p><p><a href=\"{System.Net.WebUtility.HtmlEncode(link)}\">Yes, subscribe me</a></p><p>If you did not ask for this, ignore this mail: you will not be added.</p>",
            Text: $"Please confirm that you want to receive {result.ListName}:\n\n{link}\n\nIf you did not ask for this, ignore this mail: you will not be added.\n",
            ListId: $"{HeaderText.Clean(result.ListName)} <list-{result.ListId}.{new Uri(baseUrl).Host}>",
            ReturnPath: from,
            UnsubscribeUrl: link), time.GetUtcNow());
        message.Headers.Remove("List-Unsubscribe");
        message.Headers.Remove("List-Unsubscribe-Post");
        await using var session = await transport.OpenSessionAsync(email[(email.LastIndexOf('@') + 1)..], cancellationToken);
        var sent = await session.SendAsync(message, from, email, cancellationToken);
        if (sent.Outcome != DeliveryOutcome.Sent)
        {
            LogNotSent(result.ListId, sent.Reply);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A confirmation mail for list {ListId} was not sent: {Reply}")]
    private partial void LogNotSent(long listId, string reply);
}
