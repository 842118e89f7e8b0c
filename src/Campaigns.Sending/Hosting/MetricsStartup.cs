using Microsoft.Extensions.Hosting;
using Prometheus;

namespace Campaigns.Sending.Hosting;

/// <summary>
/// prometheus-net starts listening to .NET Meters on its first export (prometheus-net issue #487), so what
/// happened before the first scrape would be lost: one export at start-up begins the listening at once.
/// </summary>
public sealed class MetricsStartup : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Metrics.DefaultRegistry.CollectAndExportAsTextAsync(Stream.Null, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
