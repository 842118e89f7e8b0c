using System.Threading.Channels;
using Campaigns.Data.Sending;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Campaigns.Sending.Delivery;

/// <summary>
/// Group commit for the send ledger: outcomes from every connection of the process are written together, one
/// transaction per flush, and each sender waits for its own outcome to be durable before its next message. So
/// writes are batched, and what a crash can leave unrecorded is at most the one message per connection whose
/// 250 had arrived but whose flush had not finished.
/// </summary>
public sealed partial class LedgerWriter(SendLedger ledger, ILogger<LedgerWriter> logger) : BackgroundService
{
    private const int MaxPerFlush = 500;
    private readonly Channel<(SendRecord Record, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(SendRecord, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Completes when the outcome is committed.</summary>
    public Task WriteAsync(SendRecord record)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((record, done)))
        {
            done.SetException(new InvalidOperationException("The ledger writer has stopped."));
        }

        return done.Task;
    }

    /// <summary>Several outcomes at once (a batch deferred or cancelled as a whole).</summary>
    public Task WriteAsync(IEnumerable<SendRecord> records) => Task.WhenAll(records.Select(WriteAsync));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pending = new List<(SendRecord Record, TaskCompletionSource Done)>(MaxPerFlush);
        // Not stoppingToken: outcomes queued during shutdown must still be written; the channel completes in StopAsync.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (pending.Count < MaxPerFlush && _queue.Reader.TryRead(out var item))
            {
                pending.Add(item);
            }

            try
            {
                await ledger.RecordAsync([.. pending.Select(p => p.Record)], CancellationToken.None);
                pending.ForEach(p => p.Done.TrySetResult());
            }
            catch (Exception e)
            {
                LogFlushFailed(e, pending.Count);
                pending.ForEach(p => p.Done.TrySetException(e));
            }

            pending.Clear();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Count} ledger outcomes failed")]
    private partial void LogFlushFailed(Exception e, int count);
}
