using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Campaigns.Worker.Tests;

/// <summary>A real worker host (the same wiring as Program.cs) on a temporary data folder and a free port.</summary>
internal sealed class WorkerHost : IAsyncDisposable
{
    private WorkerHost(WebApplication app, string dataDirectory)
    {
        App = app;
        DataDirectory = dataDirectory;
    }

    public WebApplication App { get; }

    public string DataDirectory { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<WorkerHost> StartAsync(Dictionary<string, string?>? settings = null, string? dataDirectory = null, bool consume = true, ILoggerProvider? logs = null)
    {
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "campaigns-worker-tests", Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration["Campaigns:DataDirectory"] = dataDirectory;
        builder.Configuration["Urls"] = "http://127.0.0.1:0";
        builder.Configuration["Campaigns:Sending:DispatchInterval"] = "00:00:00.100";
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        foreach (var (key, value) in settings ?? [])
        {
            builder.Configuration[key] = value;
        }

        if (logs is not null)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        }

        if (consume)
        {
            builder.AddCampaignsWorker();
        }
        else
        {
            // Only the data side: the test writes lists and campaigns and reads the ledger while worker processes send.
            Campaigns.Data.DataServiceCollectionExtensions.AddCampaignsData(builder.Services, builder.Configuration);
            Campaigns.Data.DataServiceCollectionExtensions.AddMigrationsOnStartup(builder.Services);
            Campaigns.Sending.Hosting.HealthEndpoints.AddCampaignsHealthChecks(builder.Services);
        }

        var app = builder.Build();
        Campaigns.Sending.Hosting.HealthEndpoints.MapCampaignsHealth(app);
        await app.StartAsync();
        return new WorkerHost(app, dataDirectory);
    }

    public string Url => App.Urls.First();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp folder.
        }
    }
}
