using System.Globalization;
using System.Text;
using Campaigns.Core.Import;
using Campaigns.Core.Lists;
using Campaigns.Core.Sending;
using Campaigns.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Worker.Tests;

/// <summary>A worker sending a campaign to a real Postfix that accepts and discards it, as a receiving MTA does under load.</summary>
public sealed class PostfixReceiverTests
{
    [Fact]
    public async Task Every_recipient_is_accepted_by_postfix_once_and_the_ledger_holds_its_queue_ids()
    {
        var ct = TestContext.Current.CancellationToken;
        var maildir = Path.Combine(Path.GetTempPath(), "campaigns-postfix-mail", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(maildir);
        using var postfix = await PostfixServer.StartAsync(maildir, "bounces", "65534", "65534");
        await using var host = await WorkerHost.StartAsync(new()
        {
            ["Campaigns:Smtp:Servers:0:Host"] = "127.0.0.1",
            ["Campaigns:Smtp:Servers:0:Port"] = postfix.Port.ToString(CultureInfo.InvariantCulture),
            ["Campaigns:Smtp:Servers:0:Security"] = "StartTlsWhenAvailable",
            ["Campaigns:Sending:BatchSize"] = "50",
        });
        const int recipients = 300;
        var list = await host.Services.GetRequiredService<IListStore>().CreateAsync(new NewList("L"), ct);
        var csv = new StringBuilder("email\n");
        for (var i = 0; i < recipients; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"user{i}@{PostfixServer.DiscardDomain}\n");
        }

        await host.Services.GetRequiredService<CsvImporter>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), new ImportOptions(list.Id), cancellationToken: ct);
        var campaign = await host.Services.GetRequiredService<ICampaignStore>().CreateAsync(new CampaignDraft(
            "C", "Hello", "News", "news@example.com", "<p>Hello {{ subscriber.email }}</p>", [list.Id]), ct);
        await host.Services.GetRequiredService<CampaignCommands>().StartAsync(campaign.Id, ct);
        var done = await SendingEndToEndTests.WaitUntilAsync(host, campaign.Id, p => p.Status == CampaignStatus.Finished, ct);

        Assert.Equal((recipients, 0L, 0L), (done.Sent, done.Failed, done.Deferred));
        await using var connection = await host.Services.GetRequiredService<Campaigns.Data.Infrastructure.Database>().OpenAsync(ct);
        var replies = (await Dapper.SqlMapper.QueryAsync<string>(connection, "SELECT last_reply FROM sends WHERE campaign_id = @id", new { id = campaign.Id })).ToList();
        Assert.All(replies, r => Assert.StartsWith("250 2.0.0 Ok: queued as ", r, StringComparison.Ordinal));
        Assert.Equal(recipients, replies.Distinct().Count()); // one Postfix queue id per message: nothing sent twice

        for (var i = 0; i < 100 && postfix.Discarded < recipients; i++)
        {
            await Task.Delay(100, ct);
        }

        Assert.Equal(recipients, postfix.Discarded);
        Directory.Delete(maildir, recursive: true);
    }

    [Fact]
    public async Task A_worker_sends_through_postfix_that_requires_starttls_and_auth()
    {
        var ct = TestContext.Current.CancellationToken;
        var maildir = Path.Combine(Path.GetTempPath(), "campaigns-postfix-mail", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(maildir);
        using var postfix = await PostfixServer.StartAsync(maildir, "bounces", "65534", "65534", requireTlsAndAuth: true);
        using var dovecot = await DovecotServer.StartAsync(PostfixServer.SaslSocket); // Postfix's SASL backend

        // In the clear, Postfix takes nothing.
        using (var plain = new MailKit.Net.Smtp.SmtpClient())
        {
            await plain.ConnectAsync("127.0.0.1", postfix.Port, MailKit.Security.SecureSocketOptions.None, ct);
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => plain.SendAsync(
                MimeKit.MimeMessage.CreateFromMailMessage(new System.Net.Mail.MailMessage("news@example.com", $"a@{PostfixServer.DiscardDomain}", "x", "y")), ct));
            Assert.Contains("STARTTLS", refused.Message, StringComparison.OrdinalIgnoreCase);
        }

        await using var host = await WorkerHost.StartAsync(new()
        {
            ["Campaigns:Smtp:Servers:0:Host"] = "127.0.0.1",
            ["Campaigns:Smtp:Servers:0:Port"] = postfix.Port.ToString(CultureInfo.InvariantCulture),
            ["Campaigns:Smtp:Servers:0:Security"] = "StartTls",
            ["Campaigns:Smtp:Servers:0:AcceptAnyCertificate"] = "true",
            ["Campaigns:Smtp:Servers:0:Username"] = DovecotServer.User,
            ["Campaigns:Smtp:Servers:0:Password"] = DovecotServer.Password,
        });
        const int recipients = 20;
        var list = await host.Services.GetRequiredService<IListStore>().CreateAsync(new NewList("L"), ct);
        var csv = new StringBuilder("email\n");
        for (var i = 0; i < recipients; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"user{i}@{PostfixServer.DiscardDomain}\n");
        }

        await host.Services.GetRequiredService<CsvImporter>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), new ImportOptions(list.Id), cancellationToken: ct);
        var campaign = await host.Services.GetRequiredService<ICampaignStore>().CreateAsync(new CampaignDraft(
            "C", "Hello", "News", "news@example.com", "<p>Hello</p>", [list.Id]), ct);
        await host.Services.GetRequiredService<CampaignCommands>().StartAsync(campaign.Id, ct);
        var done = await SendingEndToEndTests.WaitUntilAsync(host, campaign.Id, p => p.Status == CampaignStatus.Finished, ct);

        Assert.Equal((recipients, 0L), (done.Sent, done.Failed));
        for (var i = 0; i < 100 && postfix.Discarded < recipients; i++)
        {
            await Task.Delay(100, ct);
        }

        Assert.Equal(recipients, postfix.Discarded);
        Assert.Contains("TLS connection established", postfix.Log, StringComparison.Ordinal);
        Assert.Contains($"sasl_username={DovecotServer.User}", postfix.Log, StringComparison.Ordinal);
        Directory.Delete(maildir, recursive: true);
    }
}
