using System.Globalization;
using Campaigns.Core.Import;
using Campaigns.Core.Sending;
using Campaigns.Core.Subscribers;
using Campaigns.Core.Suppressions;
using Campaigns.Data.Feedback;
using Campaigns.Data.Sending;
using Campaigns.Mail.Messages;
using Campaigns.Sending.Bounces;
using Campaigns.Sending.Planning;
using Campaigns.Sending.Tests.Infrastructure;
using Campaigns.Testing;
using MailKit;
using MailKit.Net.Imap;
using MimeKit;

namespace Campaigns.Sending.Tests.Bounces;

/// <summary>The bounce mailbox against a real IMAP server (Dovecot), with DSNs, a complaint, an auto-reply and a reply from a person.</summary>
public sealed class BounceMailboxTests
{
    [Fact]
    public async Task Bounces_are_tied_back_recorded_acted_on_and_moved_and_a_second_pass_counts_nothing_twice()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dovecot = await DovecotServer.StartAsync();
        await using var db = await SendingData.CreateAsync("sqlite", settings: SendingData.BounceMailbox(dovecot, "bounce.example.com"));
        await db.ImportAsync("A", ImportMode.Add, "ann@example.com", "bob@example.com", "cid@example.com", "dee@example.com");
        var campaign = await db.CampaignAsync("A");
        await db.Get<CampaignCommands>().StartAsync(campaign.Id, ct);
        await db.Get<LedgerDispatch>().ClaimCampaignsToPlanAsync(DateTimeOffset.UtcNow.AddMinutes(1), ct);
        await db.Get<CampaignPlanner>().PlanAsync(campaign.Id, ct);
        var ids = new Dictionary<string, long>();
        foreach (var e in new[] { "ann", "bob", "cid", "dee" })
        {
            ids[e] = (await db.Get<ISubscriberStore>().GetByEmailAsync($"{e}@example.com", ct))!.Id;
        }

        // As the sender recorded them: the Message-ID of each message sent.
        await db.Get<SendLedger>().RecordAsync([.. ids.Select(p => new SendRecord(campaign.Id, p.Value, SendStatus.Sent, "250 ok", $"m-{p.Key}@example.com", "relay"))], ct);
        var verp = new VerpAddress(await db.Get<SiteSecrets>().GetKeyAsync("verp", ct), "bounces", "bounce.example.com");
        string Verp(string who) => verp.Encode(campaign.Id, ids[who]);

        using (var client = new ImapClient())
        {
            await client.ConnectAsync("127.0.0.1", dovecot.Port, MailKit.Security.SecureSocketOptions.None, ct);
            await client.AuthenticateAsync(DovecotServer.User, DovecotServer.Password, ct);
            foreach (var raw in new[]
                     {
                         PostfixDsn(Verp("ann"), "ann@example.com", "5.1.1", "550 5.1.1 <ann@example.com>: Recipient address rejected: User unknown in local recipient table", "<dsn-1@mx.example.org>"),
                         Complaint("bob@example.com", "<m-bob@example.com>"),
                         PostfixDsn(Verp("cid"), "cid@example.com", "5.2.2", "552 5.2.2 <cid@example.com>: Mailbox full", "<dsn-2@mx.example.org>"),
                         PostfixDsn(Verp("cid"), "cid@example.com", "5.2.2", "552 5.2.2 <cid@example.com>: Mailbox full", "<dsn-3@mx.example.org>"),
                         PostfixDsn(Verp("cid"), "cid@example.com", "5.2.2", "552 5.2.2 <cid@example.com>: Mailbox full", "<dsn-4@mx.example.org>"),
                         AutoReply(Verp("dee")),
                         "From: Eve <eve@example.net>\r\nTo: bounces@bounce.example.com\r\nSubject: Re: Hello\r\nMessage-ID: <reply-1@example.net>\r\n\r\nThanks for the news!\r\n",
                         // Made up: to the plain bounce address, for a Message-ID we never sent. Recorded, but nobody is suppressed by it.
                         PostfixDsn("bounces@bounce.example.com", "dee@example.com", "5.1.1", "550 5.1.1 User unknown", "<forged-1@evil.example>"),
                     })
            {
                await client.Inbox.AppendAsync(new AppendRequest(MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw)))), ct);
            }
        }

        var reader = db.Get<BounceMailboxReader>();
        using (var imap = await reader.ConnectAsync(ct))
        {
            Assert.Equal(8, await reader.ProcessAsync(imap, ct));
        }

        var counts = await db.Get<BounceStore>().CountsAsync(campaign.Id, ct);
        Assert.Equal((1L, 1L, 3L, 1L), (counts["hard"], counts["complaint"], counts["soft"], counts["autoreply"]));
        var suppressions = db.Get<ISuppressionStore>();
        Assert.NotNull(await suppressions.FindForAsync("ann@example.com", ct)); // hard: at once
        Assert.NotNull(await suppressions.FindForAsync("bob@example.com", ct)); // complaint, matched by Message-ID: at once
        Assert.NotNull(await suppressions.FindForAsync("cid@example.com", ct)); // the third soft bounce
        Assert.Null(await suppressions.FindForAsync("dee@example.com", ct)); // an auto-reply is recorded only, and the made-up DSN acts on nothing
        Assert.Equal(MembershipStatus.Unsubscribed, (await db.Get<ISubscriberStore>().GetMembershipsAsync(ids["bob"], ct)).Single().Status);

        // Everything moved, nothing deleted; then a crash before the move is simulated by putting it all back.
        using (var client = new ImapClient())
        {
            await client.ConnectAsync("127.0.0.1", dovecot.Port, MailKit.Security.SecureSocketOptions.None, ct);
            await client.AuthenticateAsync(DovecotServer.User, DovecotServer.Password, ct);
            var processed = await client.GetFolderAsync("Processed", ct);
            await processed.OpenAsync(FolderAccess.ReadWrite, ct);
            Assert.Equal(8, processed.Count);
            await client.Inbox.OpenAsync(FolderAccess.ReadOnly, ct);
            Assert.Equal(0, client.Inbox.Count);
            await processed.OpenAsync(FolderAccess.ReadWrite, ct); // IMAP has one folder open at a time
            await processed.CopyToAsync(await processed.SearchAsync(MailKit.Search.SearchQuery.All, ct), client.Inbox, ct);
        }

        using (var imap = await reader.ConnectAsync(ct))
        {
            Assert.Equal(8, await reader.ProcessAsync(imap, ct));
        }

        Assert.Equal(counts, await db.Get<BounceStore>().CountsAsync(campaign.Id, ct));
    }

    private static string PostfixDsn(string to, string recipient, string status, string diagnostic, string messageId) => $"""
        Return-Path: <>
        Delivered-To: {to}
        Date: Tue, 24 Nov 2026 10:05:00 +0000 (UTC)
        From: MAILER-DAEMON@mx.example.org (Mail Delivery System)
        Subject: Undelivered Mail Returned to Sender
        To: {to}
        Auto-Submitted: auto-replied
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="B1"
        Message-Id: {messageId}

        This is a MIME-encapsulated message.

        --B1
        Content-Description: Notification
        Content-Type: text/plain; charset=us-ascii

        This is the mail system at host mx.example.org.

        I'm sorry to have to inform you that your message could not
        be delivered to one or more recipients.

        <{recipient}>: host mail.example.com[192.0.2.10] said: {diagnostic} (in reply to RCPT TO command)

        --B1
        Content-Description: Delivery report
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.example.org
        X-Postfix-Queue-ID: 4F1A2B3C4D
        Arrival-Date: Tue, 24 Nov 2026 10:04:58 +0000 (UTC)

        Final-Recipient: rfc822; {recipient}
        Original-Recipient: rfc822;{recipient}
        Action: failed
        Status: {status}
        Remote-MTA: dns; mail.example.com
        Diagnostic-Code: smtp; {diagnostic}

        --B1
        Content-Description: Undelivered Message Headers
        Content-Type: text/rfc822-headers

        From: News <news@example.com>
        To: {recipient}
        Subject: Hello
        Message-ID: <m-x@example.com>

        --B1--
        """.ReplaceLineEndings("\r\n");

    private static string Complaint(string recipient, string originalMessageId) => $"""
        From: Yahoo! Mail AntiSpam Feedback <feedback@arf.mail.yahoo.com>
        To: bounces@bounce.example.com
        Subject: FW: Hello
        Date: Tue, 24 Nov 2026 11:00:00 +0000
        Message-ID: <arf-1@arf.mail.yahoo.com>
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=feedback-report; boundary="F1"

        --F1
        Content-Type: text/plain; charset="US-ASCII"

        This is an email abuse report for an email message received from IP 192.0.2.1.

        --F1
        Content-Type: message/feedback-report

        Feedback-Type: abuse
        User-Agent: Yahoo!-Mail-Feedback/2.0
        Version: 1
        Original-Mail-From: <bounces@bounce.example.com>
        Original-Rcpt-To: {recipient}
        Arrival-Date: Tue, 24 Nov 2026 10:00:00 +0000

        --F1
        Content-Type: message/rfc822

        From: News <news@example.com>
        To: {recipient}
        Subject: Hello
        Message-ID: {originalMessageId}
        Date: Tue, 24 Nov 2026 09:59:00 +0000

        Hello.

        --F1--
        """.ReplaceLineEndings("\r\n");

    private static string AutoReply(string to) => $"""
        From: Dee <dee@example.com>
        To: {to}
        Subject: Automatic reply: Hello
        Auto-Submitted: auto-replied
        X-Autoreply: yes
        Message-ID: <ooo-1@example.com>
        Date: Tue, 24 Nov 2026 10:01:00 +0000

        I am out of the office until Monday.
        """.ReplaceLineEndings("\r\n");
}
