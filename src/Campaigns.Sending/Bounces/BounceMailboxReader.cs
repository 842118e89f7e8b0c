using System.Security.Cryptography;
using Campaigns.Core.Subscribers;
using Campaigns.Data.Feedback;
using Campaigns.Data.Sending;
using Campaigns.Mail.Bounces;
using Campaigns.Mail.Messages;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Campaigns.Sending.Bounces;

/// <summary>
/// One pass over the bounce mailbox: each message is parsed, each failed recipient tied to its campaign and
/// subscriber (by the VERP address it came back to, else by the original Message-ID in the returned part, else by
/// the address, which is recorded but not acted on: anyone can mail us a made-up bounce), recorded, and then the message is moved to the processed folder, never deleted. A crash between
/// recording and moving processes the message again, and the source key of each record makes that count once.
/// </summary>
public sealed class BounceMailboxReader(
    IOptions<BounceOptions> options,
    IOptions<SendingOptions> sending,
    SiteSecrets secrets,
    BounceStore bounces,
    BounceRecorder recorder)
{
    /// <summary>Larger messages are not parsed (a bounce returning a huge attachment): recorded as unknown and moved.</summary>
    public const int MaxMessageBytes = 32 * 1024 * 1024;

    public Task<ImapClient> ConnectAsync(CancellationToken cancellationToken) => BounceMailboxConnector.ConnectAsync(options.Value.Imap, cancellationToken);

    /// <returns>How many messages were processed and moved.</returns>
    public async Task<int> ProcessAsync(ImapClient client, CancellationToken cancellationToken)
    {
        var o = options.Value.Imap;
        var inbox = await client.GetFolderAsync(o.Folder, cancellationToken);
        var processed = await ProcessedFolderAsync(client, o.ProcessedFolder, cancellationToken);
        await inbox.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        var verp = await VerpAsync(cancellationToken);
        var done = 0;
        foreach (var uid in await inbox.SearchAsync(SearchQuery.All, cancellationToken))
        {
            var size = (await inbox.FetchAsync([uid], MessageSummaryItems.Size, cancellationToken)).FirstOrDefault()?.Size ?? 0;
            BounceReport report;
            string messageKey;
            if (size > MaxMessageBytes)
            {
                report = BounceReport.Unreadable($"the message is larger than {MaxMessageBytes / (1024 * 1024)} MB; not parsed");
                messageKey = $"uid-{inbox.UidValidity}-{uid.Id}";
            }
            else
            {
                using var message = await inbox.GetMessageAsync(uid, cancellationToken);
                report = BounceParser.Parse(message);
                messageKey = message.MessageId ?? await HashAsync(message, cancellationToken);
            }

            await RecordAsync(report, messageKey, verp, cancellationToken);
            await inbox.MoveToAsync(uid, processed, cancellationToken);
            done++;
        }

        return done;
    }

    private async Task RecordAsync(BounceReport report, string messageKey, VerpAddress? verp, CancellationToken cancellationToken)
    {
        if (report.Kind is BounceKind.NotBounce or BounceKind.Delivered)
        {
            return;
        }

        var (campaignId, subscriberId) = await MatchAsync(report, verp, cancellationToken);
        // Only a report that came back to our signed VERP address, or names a Message-ID we sent, is acted on.
        var trusted = subscriberId is not null;
        var recipients = report.Recipients.Where(r => r.Kind is not (BounceKind.Delivered or BounceKind.NotBounce)).ToList();
        if (recipients.Count == 0)
        {
            recipients.Add(new BounceRecipient(null, null, null, null, report.Kind, report.Error ?? "no recipient named"));
        }

        for (var i = 0; i < recipients.Count; i++)
        {
            var r = recipients[i];
            long? campaign = campaignId, subscriber = subscriberId;
            // The address the report names, when the match failed: a subscriber with that address.
            if (subscriber is null && r.Address is not null && EmailAddress.TryNormalize(r.Address, out var named, out _)
                && await bounces.FindSubscriberAsync(named.Key, cancellationToken) is { } byAddress)
            {
                // Who it is about, for their history; not which campaign, since nothing ties the report to one.
                subscriber = byAddress;
            }

            // A matched subscriber is suppressed at the address we mail, even when the report names a forwarding target.
            var email = subscriber is { } id ? await bounces.EmailOfAsync(id, cancellationToken) ?? r.Address : r.Address;
            var reason = r.Diagnostic is { Length: > 0 } d ? $"{r.Reason}: {d}" : r.Reason;
            if (r.FeedbackType is { } feedback)
            {
                reason = $"{feedback}: {reason}";
            }

            await recorder.RecordAsync(new BounceRecord(campaign, subscriber, email ?? "(unknown)", BounceRecorder.KindName(r.Kind), "mailbox", r.Status, reason,
                $"mailbox:{messageKey}:{r.Address ?? i.ToString(System.Globalization.CultureInfo.InvariantCulture)}"), cancellationToken, act: trusted);
        }
    }

    private async Task<(long? Campaign, long? Subscriber)> MatchAsync(BounceReport report, VerpAddress? verp, CancellationToken cancellationToken)
    {
        if (verp is not null)
        {
            foreach (var address in report.EnvelopeAddresses)
            {
                if (verp.TryDecode(address, out var c, out var s))
                {
                    return (c, s);
                }
            }
        }

        if (report.OriginalMessageId is { Length: > 0 } id && await bounces.FindByMessageIdAsync(id, cancellationToken) is { } sent)
        {
            return (sent.CampaignId, sent.SubscriberId);
        }

        return (null, null);
    }

    private async Task<VerpAddress?> VerpAsync(CancellationToken cancellationToken)
    {
        var o = sending.Value;
        return string.IsNullOrWhiteSpace(o.BounceDomain)
            ? null
            : new VerpAddress(await secrets.GetKeyAsync("verp", cancellationToken), o.BouncePrefix, o.BounceDomain.Trim().ToLowerInvariant());
    }

    private static async Task<IMailFolder> ProcessedFolderAsync(ImapClient client, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetFolderAsync(name, cancellationToken);
        }
        catch (FolderNotFoundException)
        {
            var root = client.GetFolder(client.PersonalNamespaces[0]);
            return await root.CreateAsync(name, isMessageFolder: true, cancellationToken)
                ?? throw new InvalidOperationException($"The IMAP server did not create the folder '{name}'.");
        }
    }

    private static async Task<string> HashAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        await message.WriteToAsync(stream, cancellationToken);
        return "sha256-" + Convert.ToHexStringLower(SHA256.HashData(stream.ToArray()));
    }
}
