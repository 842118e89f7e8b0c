using MassTransit;
using Microsoft.Extensions.Options;

namespace Campaigns.Sending.Delivery;

/// <summary>
/// The send queue: a fixed name (<see cref="SendingOptions.QueueName"/>) so batches wait in it even before any worker has started, a few batches at a
/// time per worker, and in-process retries for a failure of the database or the bus (RabbitMQ here has no
/// delayed-message plugin; a deferred recipient is scheduled in the ledger instead).
/// </summary>
public sealed class SendBatchConsumerDefinition : ConsumerDefinition<SendBatchConsumer>
{
    public SendBatchConsumerDefinition(IOptions<SendingOptions> options)
    {
        EndpointName = options.Value.QueueName;
        ConcurrentMessageLimit = options.Value.ConcurrentBatches;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<SendBatchConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Intervals(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15)));
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.PrefetchCount = (ushort)Math.Max(1, ConcurrentMessageLimit ?? 1);
        }
    }
}
