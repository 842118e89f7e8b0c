using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;

namespace Campaigns.Sending.Hosting;

/// <summary>
/// <c>/healthz</c> says the process is alive (no dependency is checked, so a database outage does not restart
/// every pod); <c>/readyz</c> checks the database, the bus and the SMTP servers and says which one failed.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IHealthChecksBuilder AddCampaignsHealthChecks(this IServiceCollection services)
    {
        services.AddHostedService<MetricsStartup>();
        services.TryAddSingleton(TimeProvider.System);
        return services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<MailTransportHealthCheck>("smtp", tags: [ReadyTag]);
    }

    public static IEndpointRouteBuilder MapCampaignsHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        // Prometheus text format: the .NET Meters (Campaigns.*, MassTransit, ASP.NET Core, the runtime) via prometheus-net.
        endpoints.MapMetrics("/metrics").AllowAnonymous();
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            // MassTransit registers its bus check with the "ready" tag too.
            Predicate = c => c.Tags.Contains(ReadyTag),
            ResponseWriter = WriteAsync,
        }).AllowAnonymous();
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}
