using Campaigns.Mail.Templates;
using Campaigns.Sending.Bounces;
using Campaigns.Sending.Composition;
using Campaigns.Sending.Delivery;
using Campaigns.Sending.Dispatch;
using Campaigns.Sending.Hosting;
using Campaigns.Sending.Planning;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Campaigns.Sending;

public static class SendingServiceCollectionExtensions
{
    /// <summary>The connection string naming RabbitMQ (amqp://user:pass@host:5672/vhost); without it the bus is in-memory.</summary>
    public const string RabbitMqConnectionName = "RabbitMq";

    /// <summary>
    /// The sending engine on the bus: RabbitMQ when <c>ConnectionStrings:RabbitMq</c> is set, otherwise the
    /// in-memory transport with the same consumer. <paramref name="runWorkers"/> consumes SendBatch messages in
    /// this process; <paramref name="runDispatcher"/> plans, publishes, retries and finishes campaigns.
    /// The mail transport (SMTP pool or pickup folder) is registered separately.
    /// </summary>
    public static IServiceCollection AddCampaignsSending(this IServiceCollection services, IConfiguration configuration, bool runWorkers, bool runDispatcher)
    {
        services.AddOptions<SendingOptions>().Bind(configuration.GetSection(SendingOptions.Section));
        var rabbit = configuration.GetConnectionString(RabbitMqConnectionName);
        var inMemory = string.IsNullOrWhiteSpace(rabbit);
        services.TryAddSingleton<TemplateEngine>();
        services.AddSingleton(new DispatcherMode(inMemory));
        services.AddSingleton<SendingMetrics>();
        services.AddOptions<BounceOptions>().Bind(configuration.GetSection(BounceOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BounceRecorder>();
        services.AddSingleton<CampaignMessageFactory>();
        services.AddSingleton<CampaignEditor>();
        services.AddSingleton<CampaignTester>();
        services.AddSingleton<TemplatePreviewer>();
        services.AddSingleton<TemplateTester>();
        services.AddSingleton<BounceMailboxTester>();
        services.AddSingleton<DomainThrottle>();
        services.AddSingleton<CampaignPlanner>();
        services.AddSingleton<BatchSender>();
        // Registered before the bus, so it stops after it: outcomes of the messages in flight are still written.
        services.AddSingleton<LedgerWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<LedgerWriter>());
        services.AddMassTransit(x =>
        {
            if (runWorkers)
            {
                x.AddConsumer<SendBatchConsumer, SendBatchConsumerDefinition>();
            }

            if (inMemory)
            {
                x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
            }
            else
            {
                x.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(new Uri(rabbit!));
                    cfg.ConfigureEndpoints(context);
                });
            }
        });
        services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            // A stopping worker finishes the message in hand (BatchSender stops after it and requeues the rest).
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });
        services.AddSingleton<CampaignDispatcher>();
        if (runDispatcher)
        {
            services.AddHostedService(sp => sp.GetRequiredService<CampaignDispatcher>());
        }

        return services;
    }

    /// <summary>The bounce mailbox watcher (<c>Campaigns:Bounces:Imap</c>; idle while no host is set).</summary>
    public static IServiceCollection AddBounceProcessing(this IServiceCollection services)
    {
        services.AddSingleton<BounceMailboxReader>();
        services.AddHostedService<BounceMailboxProcessor>();
        return services;
    }
}
