using System.Net;
using Campaigns.Data.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Worker.Tests;

public sealed class WorkerHostTests
{
    [Fact]
    public async Task Starts_migrates_the_database_answers_its_probes_and_stops_cleanly()
    {
        await using var host = await WorkerHost.StartAsync();
        var migrator = host.Services.GetRequiredService<Migrator>();
        Assert.Equal(migrator.Scripts.Count, (await migrator.AppliedAsync(TestContext.Current.CancellationToken)).Count);

        using var http = new HttpClient { BaseAddress = new Uri(host.Url) };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);
        var ready = await http.GetAsync("/readyz", TestContext.Current.CancellationToken);
        var body = await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(ready.StatusCode == HttpStatusCode.OK, body);
        Assert.Contains("\"database\"", body, StringComparison.Ordinal);
        Assert.Contains("masstransit", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("pickup folder", body, StringComparison.Ordinal); // the embedded default's "SMTP": a writable folder
    }

    [Fact]
    public async Task Is_not_ready_while_no_smtp_server_answers()
    {
        var closed = Campaigns.Testing.SmtpSink.FreePort();
        await using var host = await WorkerHost.StartAsync(new()
        {
            ["Campaigns:Smtp:Servers:0:Host"] = "127.0.0.1",
            ["Campaigns:Smtp:Servers:0:Port"] = closed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Campaigns:Smtp:Servers:0:Security"] = "None",
        });
        using var http = new HttpClient { BaseAddress = new Uri(host.Url) };

        var ready = await http.GetAsync("/readyz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("\"smtp\"", await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode); // alive all the same
    }
}
