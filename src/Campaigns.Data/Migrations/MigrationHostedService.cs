using Microsoft.Extensions.Hosting;

namespace Campaigns.Data.Migrations;

/// <summary>Brings the database up to date before the host serves anything.</summary>
internal sealed class MigrationHostedService(Migrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
