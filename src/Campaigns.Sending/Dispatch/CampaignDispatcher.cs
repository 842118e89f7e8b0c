using Campaigns.Core.Common;
using Campaigns.Core.Sending;
using Campaigns.Data.Sending;
using Campaigns.Sending.Hosting;
using Campaigns.Sending.Planning;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Campaigns.Sending.Dispatch;

/// <summary>
/// The loop that moves campaigns along, from the ledger: starts campaigns that are due, plans their audience,
/// publishes pending batches to the send queue (an outbox: a batch is marked published only after the bus took
/// it), turns due retries into new batches, takes back batches whose worker died, and finishes campaigns with
/// nothing left. Every step is a guarded update, so any number of processes may run it.
/// </summary>
public sealed partial class CampaignDispatcher(
    LedgerDispatch ledger,
    CampaignPlanner planner,
    IBus bus,
    IClock clock,
    IOptions<SendingOptions> options,
    DispatcherMode mode,
    SendingMetrics metrics,
    ILogger<CampaignDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The in-memory bus lost every message of the previous run: what was published or running goes out again.
        var requeueAll = mode.InMemoryBus;
        using var timer = new PeriodicTimer(options.Value.DispatchInterval);
        do
        {
            try
            {
                await RunOnceAsync(requeueAll, stoppingToken);
                requeueAll = false;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round; public so tests and the CLI can drive it.</summary>
    public async Task RunOnceAsync(bool requeueAll, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var requeued = await ledger.RequeueAbandonedAsync(requeueAll, cancellationToken);
        if (requeued > 0)
        {
            LogRequeued(requeued);
        }

        foreach (var campaignId in await ledger.ClaimCampaignsToPlanAsync(clock.UtcNow + o.Lease, cancellationToken))
        {
            try
            {
                await planner.PlanAsync(campaignId, cancellationToken);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Paused or cancelled while planning: resuming re-plans what is missing.
            }

            await PublishAsync(cancellationToken);
        }

        await ledger.ScheduleRetriesAsync(o.MaxAge, o.BatchSize, cancellationToken);
        await PublishAsync(cancellationToken);
        await ledger.FinishCampaignsAsync(cancellationToken);
        var (waiting, running) = await ledger.CountBatchesAsync(cancellationToken);
        metrics.SetQueueDepth(waiting, running);
    }

    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{options.Value.QueueName}"));
        while (true)
        {
            var pending = await ledger.TakePendingBatchesAsync(options.Value.WorkerName, clock.UtcNow + options.Value.Lease, 500, cancellationToken);
            if (pending.Count == 0)
            {
                return;
            }

            foreach (var b in pending)
            {
                await endpoint.Send(new SendBatch(b.CampaignId, b.Id, b.Domain), cancellationToken);
            }

            await ledger.MarkPublishedAsync([.. pending.Select(b => b.Id)], cancellationToken);
            if (pending.Count < 500)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A dispatcher round failed; the next one tries again")]
    private partial void LogRoundFailed(Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} batches whose worker stopped go out again")]
    private partial void LogRequeued(int count);
}
