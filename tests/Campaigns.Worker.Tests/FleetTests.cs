using System.Text;
using System.Text.RegularExpressions;
using Campaigns.Core.Import;
using Campaigns.Core.Lists;
using Campaigns.Core.Sending;
using Campaigns.Data.Sending;
using Campaigns.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Worker.Tests;

/// <summary>
/// Several worker processes on RabbitMQ and one shared database, sending into smtp-sink: a worker killed with
/// SIGKILL or stopped with SIGTERM mid-campaign loses nothing, and the fleet together keeps a domain's rate.
/// </summary>
public sealed partial class FleetTests
{
    private const int ConcurrentBatches = 4;

    private static string RabbitMq => Environment.GetEnvironmentVariable("CAMPAIGNS_TEST_RABBITMQ") is { Length: > 0 } url ? url : "amqp://guest:guest@localhost:5672/";

    [Theory]
    [InlineData("kill")]
    [InlineData("term")]
    public async Task A_worker_stopped_mid_campaign_loses_nothing_and_repeats_at_most_one_message_per_connection(string how)
    {
        var ct = TestContext.Current.CancellationToken;
        using var sink = await SmtpSink.StartAsync();
        await using var fleet = await FleetAsync(sink, recipients: 1200, rate: 300);

        using var first = fleet.StartWorker();
        using var second = fleet.StartWorker();
        using var third = fleet.StartWorker();
        await fleet.StartCampaignAsync(ct);
        await fleet.WaitUntilAsync(p => p.Sent >= 250, ct);
        if (how == "kill")
        {
            first.Kill();
        }
        else
        {
            await first.TerminateAsync(TimeSpan.FromSeconds(40));
        }

        var done = await fleet.WaitUntilAsync(p => p.Status == CampaignStatus.Finished, ct, seconds: 120);

        Assert.Equal((1200L, 0L, 0L), (done.Sent, done.Failed, done.Deferred));
        await sink.WaitForAsync(1200, TimeSpan.FromSeconds(10));
        var received = ReceivedTags(sink);
        Assert.Equal(1200, received.Distinct().Count());
        var repeats = received.Count - 1200;
        // kill -9: a message whose 250 came but whose ledger write had not committed is sent again; at most one per connection.
        // SIGTERM: the worker finishes the message in hand and records it, so nothing is repeated.
        Assert.InRange(repeats, 0, how == "kill" ? ConcurrentBatches : 0);
    }

    [Fact]
    public async Task Two_workers_together_keep_a_domains_rate()
    {
        var ct = TestContext.Current.CancellationToken;
        using var sink = await SmtpSink.StartAsync();
        await using var fleet = await FleetAsync(sink, recipients: 400, rate: 50, domains: 1);

        using var first = fleet.StartWorker();
        using var second = fleet.StartWorker();
        await fleet.StartCampaignAsync(ct);
        var done = await fleet.WaitUntilAsync(p => p.Status == CampaignStatus.Finished, ct, seconds: 120);

        Assert.Equal(400, done.Sent);
        await sink.WaitForAsync(400, TimeSpan.FromSeconds(10));
        // What the receiver saw, in every one-second window starting at each arrival.
        var arrivals = Directory.GetFiles(sink.DumpDirectory).Select(f => File.GetLastWriteTimeUtc(f)).Order().ToList();
        var busiest = arrivals.Select((t, i) => arrivals.Skip(i).TakeWhile(u => u - t < TimeSpan.FromSeconds(1)).Count()).Max();
        Assert.InRange(busiest, 1, 55); // 50 per second plus 10% for arrival jitter at the receiver
    }

    [Fact]
    public async Task Ten_thousand_recipients_each_receive_their_message_exactly_once()
    {
        var ct = TestContext.Current.CancellationToken;
        using var sink = await SmtpSink.StartAsync();
        await using var fleet = await FleetAsync(sink, recipients: 10_000, rate: 100_000, domains: 20);

        using var first = fleet.StartWorker();
        using var second = fleet.StartWorker();
        await fleet.StartCampaignAsync(ct);
        var done = await fleet.WaitUntilAsync(p => p.Status == CampaignStatus.Finished, ct, seconds: 240);

        Assert.Equal((10_000L, 10_000L, 0L), (done.Planned, done.Sent, done.Failed));
        await sink.WaitForAsync(10_000, TimeSpan.FromSeconds(20));
        // At the receiver: every Message-ID the ledger recorded, each once, and nothing else.
        var received = Directory.GetFiles(sink.DumpDirectory).Select(f => MessageIdLine().Match(File.ReadAllText(f))).Select(m => m.Groups[1].Value.Trim()).ToList();
        var recorded = await fleet.MessageIdsAsync(ct);
        Assert.Equal(10_000, received.Count);
        Assert.Equal(10_000, received.Distinct().Count());
        Assert.Equal(recorded.Order(StringComparer.Ordinal), received.Select(r => r.Trim('<', '>')).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_rabbitmq_restart_mid_campaign_loses_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var sink = await SmtpSink.StartAsync();
        await using var fleet = await FleetAsync(sink, recipients: 3000, rate: 300);

        using var first = fleet.StartWorker();
        using var second = fleet.StartWorker();
        await fleet.StartCampaignAsync(ct);
        await fleet.WaitUntilAsync(p => p.Sent >= 500, ct);
        await RabbitMqCtlAsync("stop_app");
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        await RabbitMqCtlAsync("start_app");
        var done = await fleet.WaitUntilAsync(p => p.Status == CampaignStatus.Finished, ct, seconds: 180);

        Assert.Equal((3000L, 0L), (done.Sent, done.Failed));
        await sink.WaitForAsync(3000, TimeSpan.FromSeconds(10));
        var received = ReceivedTags(sink);
        Assert.Equal(3000, received.Distinct().Count());
        Assert.Equal(3000, received.Count); // no worker died: nothing may be repeated
    }

    private static async Task RabbitMqCtlAsync(string command)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("rabbitmqctl", [command]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"rabbitmqctl {command}: {await process.StandardError.ReadToEndAsync()}");
    }

    [GeneratedRegex(@"^Message-Id: (.+)$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex MessageIdLine();

    private static List<string> ReceivedTags(SmtpSink sink) =>
        [.. Directory.GetFiles(sink.DumpDirectory).Select(f => CampaignTag().Match(File.ReadAllText(f))).Where(m => m.Success).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"^X-Campaign: (\S+)", RegexOptions.Multiline)]
    private static partial Regex CampaignTag();

    private static async Task<Fleet> FleetAsync(SmtpSink sink, int recipients, double rate, int domains = 6)
    {
        var queue = $"send-batch-test-{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:RabbitMq"] = RabbitMq,
            ["Campaigns:Sending:QueueName"] = queue,
            ["Campaigns:Sending:Lease"] = "00:00:03",
            ["Campaigns:Sending:ConcurrentBatches"] = ConcurrentBatches.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Campaigns:Sending:BatchSize"] = "50",
            ["Campaigns:Sending:DispatchInterval"] = "00:00:00.200",
            ["Campaigns:Smtp:Servers:0:Name"] = "sink",
            ["Campaigns:Smtp:Servers:0:Host"] = "127.0.0.1",
            ["Campaigns:Smtp:Servers:0:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Campaigns:Smtp:Servers:0:Security"] = "None",
            ["Campaigns:Smtp:Servers:0:MaxConnections"] = "20",
        };
        // The test's own host plans and dispatches nothing: it only writes the data and reads the ledger.
        var host = await WorkerHost.StartAsync(new(settings) { ["Campaigns:Sending:DispatchInterval"] = "01:00:00", ["Campaigns:Web:RunWorkers"] = "false" }, consume: false);
        await host.Services.GetRequiredService<ThrottleStore>().SetRuleAsync(new ThrottleRule("*", rate, 50));
        var list = await host.Services.GetRequiredService<IListStore>().CreateAsync(new NewList("Fleet"));
        var csv = new StringBuilder("email\n");
        for (var i = 0; i < recipients; i++)
        {
            csv.Append(CultureInfoInvariant($"user{i}@d{i % domains}.example\n"));
        }

        await host.Services.GetRequiredService<CsvImporter>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), new ImportOptions(list.Id));
        var campaign = await host.Services.GetRequiredService<ICampaignStore>().CreateAsync(new CampaignDraft(
            "Fleet", "Fleet test", "News", "news@example.com", "<p>Hello {{ subscriber.email }}</p>", [list.Id], TrackOpens: false, TrackClicks: false));
        var environment = settings.Where(s => s.Value is not null).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        environment["Campaigns__DataDirectory"] = host.DataDirectory;
        environment["Logging__LogLevel__Default"] = "Warning";
        return new Fleet(host, campaign.Id, environment);
    }

    private static string CultureInfoInvariant(FormattableString s) => s.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed class Fleet(WorkerHost host, long campaignId, Dictionary<string, string> environment) : IAsyncDisposable
    {
        private readonly List<WorkerProcess> _workers = [];

        public WorkerProcess StartWorker()
        {
            var worker = WorkerProcess.Start(environment);
            _workers.Add(worker);
            return worker;
        }

        public Task StartCampaignAsync(CancellationToken ct) => host.Services.GetRequiredService<CampaignCommands>().StartAsync(campaignId, ct);

        public async Task<List<string>> MessageIdsAsync(CancellationToken ct)
        {
            await using var connection = await host.Services.GetRequiredService<Campaigns.Data.Infrastructure.Database>().OpenAsync(ct);
            return [.. await Dapper.SqlMapper.QueryAsync<string>(connection, "SELECT message_id FROM sends WHERE campaign_id = @campaignId", new { campaignId })];
        }

        public Task<CampaignProgress> WaitUntilAsync(Func<CampaignProgress, bool> done, CancellationToken ct, int seconds = 60) =>
            SendingEndToEndTests.WaitUntilAsync(host, campaignId, done, ct, seconds);

        public async ValueTask DisposeAsync()
        {
            foreach (var w in _workers)
            {
                w.Dispose();
            }

            await host.DisposeAsync();
        }
    }
}
