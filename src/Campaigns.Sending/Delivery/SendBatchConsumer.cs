using Campaigns.Core.Sending;
using MassTransit;

namespace Campaigns.Sending.Delivery;

/// <summary>Takes a SendBatch off the bus; the batch's work is in <see cref="BatchSender"/>, retries in the definition.</summary>
public sealed class SendBatchConsumer(BatchSender sender) : IConsumer<SendBatch>
{
    public Task Consume(ConsumeContext<SendBatch> context) => sender.SendAsync(context.Message, context.CancellationToken);
}
