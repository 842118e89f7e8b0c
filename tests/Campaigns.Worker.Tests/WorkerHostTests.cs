using Campaigns.Data.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Campaigns.Worker.Tests;

public sealed class WorkerHostTests
{
    [Fact]
    public async Task Starts_migrates_the_database_and_stops_cleanly()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "campaigns-worker-tests", Guid.NewGuid().ToString("N"));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Configuration["Campaigns:DataDirectory"] = dataDirectory;
        builder.AddCampaignsWorker();
        using (var host = builder.Build())
        {
            await host.StartAsync(TestContext.Current.CancellationToken);
            var migrator = host.Services.GetRequiredService<Migrator>();
            Assert.Equal(migrator.Scripts.Count, (await migrator.AppliedAsync(TestContext.Current.CancellationToken)).Count);
            await host.StopAsync(TestContext.Current.CancellationToken);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }
}
