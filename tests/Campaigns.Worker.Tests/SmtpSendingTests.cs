using System.Globalization;
using System.Text;
using Campaigns.Core.Import;
using Campaigns.Core.Lists;
using Campaigns.Core.Sending;
using Campaigns.Data.Sending;
using Campaigns.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Worker.Tests;

/// <summary>A worker host sending to smtp-sink: rejections, back-offs, pause and resume, seen from the ledger.</summary>
public sealed class SmtpSendingTests
{
    private static Task<WorkerHost> HostAsync(SmtpSink sink) => WorkerHost.StartAsync(new()
    {
        ["Campaigns:Smtp:Servers:0:Host"] = "127.0.0.1",
        ["Campaigns:Smtp:Servers:0:Port"] = sink.Port.ToString(CultureInfo.InvariantCulture),
        ["Campaigns:Smtp:Servers:0:Security"] = "None",
        ["Campaigns:Sending:BatchSize"] = "20",
        ["Campaigns:Sending:BackoffBase"] = "00:10:00",
    });

    private static async Task<long> CampaignAsync(WorkerHost host, int recipients, string domain = "example.org")
    {
        var list = await host.Services.GetRequiredService<IListStore>().CreateAsync(new NewList("L"));
        var csv = new StringBuilder("email\n");
        for (var i = 0; i < recipients; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"user{i}@{domain}\n");
        }

        await host.Services.GetRequiredService<CsvImporter>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), new ImportOptions(list.Id));
        var campaign = await host.Services.GetRequiredService<ICampaignStore>().CreateAsync(new CampaignDraft(
            "C", "Hello", "News", "news@example.com", "<p>Hello {{ subscriber.email }}</p>", [list.Id]));
        return campaign.Id;
    }

    [Fact]
    public async Task Hard_rejections_are_failed_with_the_servers_reply()
    {
        var ct = TestContext.Current.CancellationToken;
        using var sink = await SmtpSink.StartAsync("-f", "RCPT", "-B", "550 5.1.1 Recipient address rejected: User unknown");
        await using var host = await HostAsync(sink);
        var id = await CampaignAsync(host, 5);

        await host.Services.GetRequiredService<CampaignCommands>().StartAsync(id, ct);
        var done = await SendingEndToEndTests.WaitUntilAsync(host, id, p => p.Status == CampaignStatus.Finished, ct);

        Assert.Equal((5L, 0L), (done.Failed, done.Sent));
        await using var connection = await host.Services.GetRequiredService<Campaigns.Data.Infrastructure.Database>().OpenAsync(ct);
        var replies = await Dapper.SqlMapper.QueryAsync<string>(connection, "SELECT last_reply FROM sends WHERE campaign_id = @id", new { id });
        Assert.All(replies, r => Assert.Equal("550 5.1.1 Recipient address rejected: User unknown", r));
        // Classified as hard bounces, and suppressed before the next campaign.
        var counts = await host.Services.GetRequiredService<Campaigns.Data.Feedback.BounceStore>().CountsAsync(id, ct);
        Assert.Equal(5, counts["hard"]);
        var suppression = await host.Services.GetRequiredService<Campaigns.Core.Suppressions.ISuppressionStore>().FindForAsync("user3@example.org", ct);
        Assert.NotNull(suppression);
        Assert.StartsWith("hard bounce (campaign", suppression.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_4xx_backs_the_domain_off_and_defers_the_rest_of_the_batch()
    {
        var ct = TestContext.Current.CancellationToken;
        using var sink = await SmtpSink.StartAsync("-r", "RCPT", "-b", "421 4.7.0 [TSS04] Messages temporarily deferred due to user complaints");
        await using var host = await HostAsync(sink);
        var id = await CampaignAsync(host, 15);

        await host.Services.GetRequiredService<CampaignCommands>().StartAsync(id, ct);
        var progress = await SendingEndToEndTests.WaitUntilAsync(host, id, p => p.Deferred == 15, ct);

        Assert.Equal(CampaignStatus.Sending, progress.Status); // not finished: the deferred are retried later
        var domain = Assert.Single(progress.Domains);
        Assert.Equal("example.org", domain.Domain);
        Assert.NotNull(domain.BackoffUntil); // shown in the campaign's progress
        Assert.InRange(domain.BackoffUntil!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(7), TimeSpan.FromMinutes(13));
        Assert.Contains("TSS04", domain.LastReply, StringComparison.Ordinal);
        Assert.Equal(0, sink.Received);
    }

    [Fact]
    public async Task Pause_stops_sending_and_resume_finishes_the_campaign_with_nobody_mailed_twice()
    {
        var ct = TestContext.Current.CancellationToken;
        using var sink = await SmtpSink.StartAsync();
        await using var host = await HostAsync(sink);
        await host.Services.GetRequiredService<ThrottleStore>().SetRuleAsync(new ThrottleRule("*", 40, 5), ct);
        var id = await CampaignAsync(host, 120);
        var commands = host.Services.GetRequiredService<CampaignCommands>();

        await commands.StartAsync(id, ct);
        await SendingEndToEndTests.WaitUntilAsync(host, id, p => p.Sent >= 20, ct);
        await commands.PauseAsync(id, ct);
        await Task.Delay(1500, ct); // workers stop after the message in hand
        var paused = await host.Services.GetRequiredService<ICampaignControl>().GetProgressAsync(id, ct);
        await Task.Delay(1500, ct);
        var stillPaused = await host.Services.GetRequiredService<ICampaignControl>().GetProgressAsync(id, ct);
        Assert.Equal(CampaignStatus.Paused, stillPaused.Status);
        Assert.Equal(paused.Sent, stillPaused.Sent);
        Assert.True(paused.Sent < 120, $"sent {paused.Sent} before the pause took effect");

        await commands.ResumeAsync(id, ct);
        var done = await SendingEndToEndTests.WaitUntilAsync(host, id, p => p.Status == CampaignStatus.Finished, ct);
        Assert.Equal(120, done.Sent);
        await sink.WaitForAsync(120, TimeSpan.FromSeconds(5));
        Assert.Equal(120, sink.Received);
    }

    [Fact]
    public async Task No_password_and_no_message_body_reaches_a_log_line()
    {
        var ct = TestContext.Current.CancellationToken;
        const string password = "Sup3r-Secret-Passw0rd";
        using var server = await TlsAuthSmtpServer.StartAsync(implicitTls: false, "campaigns", "the-right-one");
        var logs = new CapturedLogs();
        await using var host = await WorkerHost.StartAsync(new()
        {
            ["Campaigns:Smtp:Servers:0:Host"] = "127.0.0.1",
            ["Campaigns:Smtp:Servers:0:Port"] = server.Port.ToString(CultureInfo.InvariantCulture),
            ["Campaigns:Smtp:Servers:0:Security"] = "StartTls",
            ["Campaigns:Smtp:Servers:0:AcceptAnyCertificate"] = "true",
            ["Campaigns:Smtp:Servers:0:Username"] = "campaigns",
            ["Campaigns:Smtp:Servers:0:Password"] = password, // wrong: every attempt fails at AUTH and is logged
            ["Campaigns:Smtp:Servers:0:Timeout"] = "00:00:03", // aiosmtpd leaves a refused AUTH hanging until the client gives up
        }, logs: logs);
        var id = await CampaignAsync(host, 3);

        await host.Services.GetRequiredService<CampaignCommands>().StartAsync(id, ct);
        await SendingEndToEndTests.WaitUntilAsync(host, id, p => p.Deferred == 3, ct, seconds: 30);

        Assert.Contains(logs.Lines, l => l.Contains("No SMTP server took the message", StringComparison.Ordinal)); // the failure is logged...
        Assert.DoesNotContain(logs.Lines, l => l.Contains(password, StringComparison.Ordinal)); // ...without the password
        Assert.DoesNotContain(logs.Lines, l => l.Contains("Hello user0@example.org", StringComparison.Ordinal)); // nor the body
        Assert.Contains(logs.Lines, l => l.Contains($"CampaignId:{id}", StringComparison.Ordinal) || l.Contains($"[CampaignId, {id}]", StringComparison.Ordinal));
    }
}
