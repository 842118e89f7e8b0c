using Campaigns.Data.Infrastructure;
using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Campaigns.Sending.Hosting;

/// <summary>Ready only when the database answers a query.</summary>
public sealed class DatabaseHealthCheck(Database db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy($"{db.Provider} answers");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{db.Provider} does not answer: {e.Message}");
        }
    }
}
