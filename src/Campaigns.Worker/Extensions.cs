using Campaigns.Data;

namespace Campaigns.Worker;

public static class Extensions
{
    public static HostApplicationBuilder AddCampaignsWorker(this HostApplicationBuilder builder)
    {
        builder.Services.AddCampaignsData(builder.Configuration);
        builder.Services.AddMigrationsOnStartup();
        return builder;
    }
}
