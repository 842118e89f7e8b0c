using System.Globalization;
using System.Text;
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

/// <summary>A 30 MB bounce, and a mailbox connection that drops in the middle of fetching it, against a real Dovecot.</summary>
public sealed class BounceMailboxFaultTests
{
    [Fact]
    public async Task A_connection_cut_mid_fetch_loses_and_doubles_nothing_and_a_30_MB_bounce_is_read_on_the_next_pass()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dovecot = await DovecotServer.StartAsync();
        // Cuts the first connection 5 MB into what the server sends: inside the 30 MB message.
        using var proxy = new CuttingProxy(dovecot.Port, 5L * 1024 * 1024);
        await using var db = await SendingData.CreateAsync("sqlite", settings: SendingData.BounceMailbox(dovecot, "bounce.example.com", proxy.Port));
        await db.ImportAsync("A", ImportMode.Add, "ann@example.com", "bob@example.com", "cid@example.com");
        var campaign = await db.CampaignAsync("A");
        await db.Get<CampaignCommands>().StartAsync(campaign.Id, ct);
        await db.Get<LedgerDispatch>().ClaimCampaignsToPlanAsync(DateTimeOffset.UtcNow.AddMinutes(1), ct);
        await db.Get<CampaignPlanner>().PlanAsync(campaign.Id, ct);
        var verp = new VerpAddress(await db.Get<SiteSecrets>().GetKeyAsync("verp", ct), "bounces", "bounce.example.com");
        var ids = new Dictionary<string, long>();
        foreach (var who in new[] { "ann", "bob", "cid" })
        {
            ids[who] = (await db.Get<ISubscriberStore>().GetByEmailAsync($"{who}@example.com", ct))!.Id;
        }

        using (var client = new ImapClient())
        {
            await client.ConnectAsync("127.0.0.1", dovecot.Port, MailKit.Security.SecureSocketOptions.None, ct);
            await client.AuthenticateAsync(DovecotServer.User, DovecotServer.Password, ct);
            foreach (var (who, returnedBytes) in new[] { ("ann", 0), ("bob", 30 * 1024 * 1024), ("cid", 0) })
            {
                var raw = Dsn(verp.Encode(campaign.Id, ids[who]), $"{who}@example.com", returnedBytes);
                await client.Inbox.AppendAsync(new AppendRequest(MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes(raw)))), ct);
            }
        }

        var reader = db.Get<BounceMailboxReader>();
        var first = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var imap = await reader.ConnectAsync(ct);
            await reader.ProcessAsync(imap, ct);
        });
        Assert.True(proxy.HasCut, $"the connection was not cut: {first}");
        var afterCut = await db.Get<BounceStore>().CountsAsync(campaign.Id, ct);
        Assert.Equal(1, afterCut.GetValueOrDefault("hard")); // Ann's, read and moved before the cut; Bob's was never half-recorded

        using (var imap = await reader.ConnectAsync(ct))
        {
            Assert.Equal(2, await reader.ProcessAsync(imap, ct)); // Bob's 30 MB bounce and Cid's
        }

        var counts = await db.Get<BounceStore>().CountsAsync(campaign.Id, ct);
        Assert.Equal(3, counts["hard"]);
        foreach (var who in ids.Keys)
        {
            Assert.NotNull(await db.Get<ISuppressionStore>().FindForAsync($"{who}@example.com", ct));
        }

        using (var client = new ImapClient())
        {
            await client.ConnectAsync("127.0.0.1", dovecot.Port, MailKit.Security.SecureSocketOptions.None, ct);
            await client.AuthenticateAsync(DovecotServer.User, DovecotServer.Password, ct);
            var processed = await client.GetFolderAsync("Processed", ct);
            await processed.OpenAsync(FolderAccess.ReadOnly, ct);
            Assert.Equal(3, processed.Count); // each moved once, none deleted
        }
    }

    /// <summary>A Postfix-style DSN that returns the whole original message, with an attachment of <paramref name="returnedBytes"/>.</summary>
    private static string Dsn(string to, string recipient, int returnedBytes)
    {
        var attachment = new StringBuilder();
        var line = new string('A', 76);
        for (var i = 0; i < returnedBytes / 78; i++)
        {
            attachment.Append(line).Append("\r\n");
        }

        return $"""
            Return-Path: <>
            Date: Tue, 24 Nov 2026 10:05:00 +0000 (UTC)
            From: MAILER-DAEMON@mx.example.org (Mail Delivery System)
            Subject: Undelivered Mail Returned to Sender
            To: {to}
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="B1"
            Message-Id: <dsn-{Guid.NewGuid():N}@mx.example.org>

            --B1
            Content-Type: text/plain; charset=us-ascii

            <{recipient}>: host mail.example.com said: 550 5.1.1 User unknown (in reply to RCPT TO command)

            --B1
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.org

            Final-Recipient: rfc822; {recipient}
            Action: failed
            Status: 5.1.1
            Diagnostic-Code: smtp; 550 5.1.1 User unknown

            --B1
            Content-Type: message/rfc822

            From: News <news@example.com>
            To: {recipient}
            Subject: Hello
            Message-ID: <m-{Guid.NewGuid():N}@example.com>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="B2"

            --B2
            Content-Type: text/plain

            The newsletter, with a large attachment.
            --B2
            Content-Type: application/octet-stream
            Content-Transfer-Encoding: base64

            """.ReplaceLineEndings("\r\n") + attachment + "--B2--\r\n\r\n--B1--\r\n";
    }
}
