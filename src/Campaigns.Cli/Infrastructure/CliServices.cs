using Campaigns.Data;
using Campaigns.Mail.Templates;
using Campaigns.Sending;
using Campaigns.Sending.Composition;
using Campaigns.Sending.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Campaigns.Cli.Infrastructure;

/// <summary>The services a command needs, configured from environment variables and an optional campaigns.json.</summary>
internal static class CliServices
{
    public static ServiceProvider Create(string? dataDirectory)
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables();
        if (dataDirectory is not null)
        {
            builder.AddInMemoryCollection([new("Campaigns:DataDirectory", dataDirectory)]);
        }

        var configuration = builder.Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.AddConfiguration(configuration.GetSection("Logging")).SetMinimumLevel(LogLevel.Warning));
        services.AddCampaignsData(configuration);
        // Editing only: the CLI never sends, so it needs the template checks and not the bus.
        services.AddSingleton<TemplateEngine>();
        services.AddSingleton<CampaignEditor>();
        // A test send goes straight to the configured SMTP servers (or the pickup folder), outside the ledger.
        services.AddOptions<SendingOptions>().Bind(configuration.GetSection(SendingOptions.Section));
        services.AddMailTransport(configuration);
        services.AddSingleton<CampaignMessageFactory>();
        services.AddSingleton<CampaignTester>();
        return services.BuildServiceProvider();
    }
}
