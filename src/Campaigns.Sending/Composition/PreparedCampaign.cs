using System.Text.Json;
using System.Text.Json.Nodes;
using Campaigns.Core.Sending;
using Campaigns.Data.Sending;
using Campaigns.Mail.Dkim;
using Campaigns.Mail.Messages;
using Campaigns.Mail.Templates;
using Campaigns.Mail.Tracking;
using MimeKit;

namespace Campaigns.Sending.Composition;

/// <summary>
/// One campaign made ready to send: templates combined, CSS inlined and parsed once, DKIM signers for its From
/// domain loaded. Composing a recipient's message is then a render, a link rewrite and a signature.
/// </summary>
public sealed class PreparedCampaign(
    Campaign campaign,
    PreparedNewsletter newsletter,
    TrackingUrls urls,
    VerpAddress? verp,
    string? unsubscribeMailDomain,
    string listId,
    IReadOnlyList<DkimMessageSigner> signers,
    CampaignLinkStore links)
{
    public Campaign Campaign => campaign;

    /// <param name="isTest">A test send: "[Test]" before the subject, and its own tag so it never replaces a real message.</param>
    public async Task<ComposedMessage> ComposeAsync(BatchRecipient recipient, DateTimeOffset now, CancellationToken cancellationToken, bool isTest = false)
    {
        var (c, s) = (campaign.Id, recipient.SubscriberId);
        var attributes = ParseAttributes(recipient.AttributesJson);
        var unsubscribe = urls.Unsubscribe(c, s);
        var model = new MessageModel(recipient.Email, recipient.Name, attributes, campaign.Name, campaign.Subject, unsubscribe, urls.Preferences(c, s), urls.View(c, s));
        var body = new MessageBody();
        try
        {
            string subject;
            using (var html = new PooledCharWriter(TemplateEngine.MaxOutputChars))
            using (var text = new PooledCharWriter(TemplateEngine.MaxOutputChars))
            {
                subject = await newsletter.RenderToAsync(model, html, text);
                body.Text.Append(text.Written.Span);
                if (campaign.TrackClicks || campaign.TrackOpens)
                {
                    await LinkRewriter.RewriteToAsync(
                        html.Written,
                        async url => campaign.TrackClicks && !IsOurs(url) ? urls.Click(c, s, await links.GetOrAddAsync(c, url, cancellationToken)) : null,
                        campaign.TrackOpens ? urls.Open(c, s) : null,
                        body.Html);
                }
                else
                {
                    body.Html.Append(html.Written.Span);
                }
            }

            return Compose(recipient, now, isTest, subject, unsubscribe, body);
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    private ComposedMessage Compose(BatchRecipient recipient, DateTimeOffset now, bool isTest, string subject, string unsubscribe, MessageBody body)
    {
        var (c, s) = (campaign.Id, recipient.SubscriberId);
        var envelopeFrom = verp?.Encode(c, s) ?? campaign.FromAddress;
        var token = unsubscribe[(unsubscribe.LastIndexOf('/') + 1)..];
        var message = MessageBuilder.Build(new OutgoingMessage(
            campaign.FromName, campaign.FromAddress, recipient.Name, recipient.Email, (isTest ? "[Test] " : "") + subject, Html: "", Text: "",
            listId, envelopeFrom, unsubscribe,
            UnsubscribeMailto: unsubscribeMailDomain is null ? null : $"unsubscribe+{token}@{unsubscribeMailDomain}",
            ReplyTo: campaign.ReplyTo,
            CampaignTag: isTest ? $"test-{c}-{Guid.NewGuid():N}" : $"{c}-{s}"), now, body.Text, body.Html);
        foreach (var signer in signers)
        {
            signer.Sign(message);
        }

        return new ComposedMessage(message, envelopeFrom, body);
    }

    private bool IsOurs(string url) => url.StartsWith(urls.BaseUrl, StringComparison.OrdinalIgnoreCase);

    private static JsonObject ParseAttributes(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
