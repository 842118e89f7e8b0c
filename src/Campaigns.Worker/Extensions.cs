using Campaigns.Data;
using Campaigns.Sending;
using Campaigns.Sending.Hosting;
using Campaigns.Sending.Transport;

namespace Campaigns.Worker;

public static class Extensions
{
    public static WebApplicationBuilder AddCampaignsWorker(this WebApplicationBuilder builder)
    {
        builder.Services.AddCampaignsData(builder.Configuration);
        builder.Services.AddMigrationsOnStartup();
        builder.Services.AddCampaignsHealthChecks();
        builder.Services.AddMailTransport(builder.Configuration);
        // Every worker also runs the dispatcher: its steps are guarded updates, so several at once are safe, and a fleet
        // keeps planning, retrying and taking over dead workers' batches whichever processes are up.
        builder.Services.AddCampaignsSending(builder.Configuration, runWorkers: true, runDispatcher: true);
        builder.Services.AddBounceProcessing();
        return builder;
    }
}
