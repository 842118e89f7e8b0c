using Campaigns.Core.Accounts;
using Campaigns.Core.Common;
using Campaigns.Core.Export;
using Campaigns.Core.Feedback;
using Campaigns.Core.Import;
using Campaigns.Core.Lists;
using Campaigns.Core.Reports;
using Campaigns.Core.Sending;
using Campaigns.Core.Subscribers;
using Campaigns.Core.Suppressions;
using Campaigns.Data.Accounts;
using Campaigns.Data.Feedback;
using Campaigns.Data.Imports;
using Campaigns.Data.Infrastructure;
using Campaigns.Data.Lists;
using Campaigns.Data.Migrations;
using Campaigns.Data.Reports;
using Campaigns.Data.Sending;
using Campaigns.Data.Subscribers;
using Campaigns.Data.Suppressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Campaigns.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>The database, its stores and the use cases built on them (import, export).</summary>
    public static IServiceCollection AddCampaignsData(this IServiceCollection services, IConfiguration configuration) =>
        services.AddCampaignsData(DatabaseOptions.FromConfiguration(configuration));

    public static IServiceCollection AddCampaignsData(this IServiceCollection services, DatabaseOptions options)
    {
        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.AddSingleton(options);
        services.AddSingleton<Database>();
        services.AddSingleton<Migrator>();
        services.AddSingleton<IListStore, ListStore>();
        services.AddSingleton<ISubscriberStore, SubscriberStore>();
        services.AddSingleton<ISubscriberDataStore, SubscriberDataStore>();
        services.AddSingleton<ISuppressionStore, SuppressionStore>();
        services.AddSingleton<IImportStore, ImportStore>();
        services.AddSingleton<IListExportSource, ListExportSource>();
        services.AddSingleton<CsvImporter>();
        services.AddSingleton<CsvExporter>();
        services.AddSingleton<ICampaignStore, CampaignStore>();
        services.AddSingleton<ITemplateStore, TemplateStore>();
        services.AddSingleton<SendLedger>();
        services.AddSingleton<LedgerDispatch>();
        services.AddSingleton<ICampaignControl, CampaignControl>();
        services.AddSingleton<CampaignCommands>();
        services.AddSingleton<ThrottleStore>();
        services.AddSingleton<SiteSecrets>();
        services.AddSingleton<DkimKeyStore>();
        services.AddSingleton<CampaignLinkStore>();
        services.AddSingleton<FeedbackStore>();
        services.AddSingleton<BounceStore>();
        services.AddSingleton<ITrackingEventStore>(sp => sp.GetRequiredService<FeedbackStore>());
        services.AddSingleton<IPreferenceStore>(sp => sp.GetRequiredService<FeedbackStore>());
        services.AddSingleton<ISubscriptionStore>(sp => sp.GetRequiredService<FeedbackStore>());
        services.AddSingleton<IReportStore, ReportStore>();
        services.AddSingleton<IUserStore, UserStore>();
        services.AddSingleton<IApiKeyStore, ApiKeyStore>();
        services.AddSingleton<DataProtectionKeyStore>();
        services.AddSingleton<ApiKeyService>();
        return services;
    }

    /// <summary>Applies pending migrations when the host starts (web and worker); the CLI has 'campaigns migrate'.</summary>
    public static IServiceCollection AddMigrationsOnStartup(this IServiceCollection services) =>
        services.AddHostedService<MigrationHostedService>();
}
