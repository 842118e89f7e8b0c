using System.Globalization;
using Campaigns.Core.Import;
using Campaigns.Core.Sending;
using Campaigns.Core.Subscribers;
using Campaigns.Core.Suppressions;
using Campaigns.Data.Feedback;
using Campaigns.Data.Sending;
using Campaigns.Sending.Bounces;
using Campaigns.Sending.Composition;
using Campaigns.Sending.Planning;
using Campaigns.Sending.Tests.Infrastructure;
using Campaigns.Testing;
using MailKit.Net.Smtp;

namespace Campaigns.Sending.Tests.Bounces;

/// <summary>
/// The whole asynchronous bounce path with nothing made up: our message (VERP return path and all) goes to a
/// real Postfix, which accepts it, fails the delivery and writes its own DSN back to the VERP address; that DSN
/// lands in Dovecot, and the bounce mailbox reader ties it to the campaign and subscriber and suppresses them.
/// </summary>
public sealed class PostfixDsnTests
{
    [Fact]
    public async Task A_dsn_written_by_postfix_reaches_the_mailbox_and_suppresses_the_address()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dovecot = await DovecotServer.StartAsync();
        using var postfix = await PostfixServer.StartAsync(dovecot.MailDirectory, DovecotServer.User, await IdAsync("-u"), await IdAsync("-g"));
        await using var db = await SendingData.CreateAsync("sqlite", settings: SendingData.BounceMailbox(dovecot, PostfixServer.BounceDomain));
        var unknown = $"nobody-here@{PostfixServer.UsersDomain}";
        await db.ImportAsync("A", ImportMode.Add, unknown);
        var campaign = await db.CampaignAsync("A");
        await db.Get<CampaignCommands>().StartAsync(campaign.Id, ct);
        await db.Get<LedgerDispatch>().ClaimCampaignsToPlanAsync(DateTimeOffset.UtcNow.AddMinutes(1), ct);
        await db.Get<CampaignPlanner>().PlanAsync(campaign.Id, ct);
        var subscriber = (await db.Get<ISubscriberStore>().GetByEmailAsync(unknown, ct))!;

        // The message exactly as a sender worker composes it, handed to Postfix over SMTP.
        var prepared = await db.Get<CampaignMessageFactory>().PrepareAsync(campaign.Id, ct);
        var composed = await prepared.ComposeAsync(new BatchRecipient(subscriber.Id, unknown, unknown, "", "{}", 0, null), DateTimeOffset.UtcNow, ct);
        Assert.EndsWith("@" + PostfixServer.BounceDomain, composed.EnvelopeFrom, StringComparison.Ordinal);
        using (var smtp = new SmtpClient())
        {
            await smtp.ConnectAsync("127.0.0.1", postfix.Port, MailKit.Security.SecureSocketOptions.None, ct);
            await smtp.SendAsync(composed.Message, MimeKit.MailboxAddress.Parse(composed.EnvelopeFrom), [MimeKit.MailboxAddress.Parse(unknown)], ct);
            await smtp.DisconnectAsync(true, ct);
        }

        await db.Get<SendLedger>().RecordAsync([new SendRecord(campaign.Id, subscriber.Id, SendStatus.Sent, "250 2.0.0 Ok: queued", composed.Message.MessageId, "postfix")], ct);

        // Postfix's bounce daemon delivers the DSN into the Maildir Dovecot serves; read it as the worker would.
        var reader = db.Get<BounceMailboxReader>();
        var processed = 0;
        for (var i = 0; i < 100 && processed == 0; i++)
        {
            using var imap = await reader.ConnectAsync(ct);
            processed = await reader.ProcessAsync(imap, ct);
            if (processed == 0)
            {
                await Task.Delay(100, ct);
            }
        }

        Assert.True(processed == 1, $"no DSN arrived; Postfix's log:\n{postfix.Log}");
        var counts = await db.Get<BounceStore>().CountsAsync(campaign.Id, ct);
        Assert.Equal(1, counts["hard"]);
        Assert.NotNull(await db.Get<ISuppressionStore>().FindForAsync(unknown, ct));
        Assert.Contains("dsn=5.1.1", postfix.Log, StringComparison.Ordinal);
    }

    private static async Task<string> IdAsync(string flag)
    {
        using var id = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("id", [flag, "nobody"]) { RedirectStandardOutput = true })!;
        var output = await id.StandardOutput.ReadToEndAsync();
        await id.WaitForExitAsync();
        return output.Trim();
    }
}
