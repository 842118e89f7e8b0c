using System.Threading.Channels;
using Campaigns.Core.Feedback;

namespace Campaigns.Web.Public;

/// <summary>
/// Opens and clicks are queued in memory and written every quarter second or every 500 events, in one
/// transaction: a burst of opens is not a database write per request. A crash loses at most the events of the
/// last unwritten window (a quarter second); a full queue drops new events rather than slowing the redirects.
/// </summary>
public sealed partial class TrackingEventRecorder(ITrackingEventStore store, ILogger<TrackingEventRecorder> logger) : BackgroundService
{
    private const int MaxBatch = 500;
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(250);

    private readonly Channel<TrackingEvent> _queue = Channel.CreateBounded<TrackingEvent>(
        new BoundedChannelOptions(100_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Record(TrackingEvent e) => _queue.Writer.TryWrite(e);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<TrackingEvent>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            var until = DateTime.UtcNow + Window;
            while (batch.Count < MaxBatch && DateTime.UtcNow < until)
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var e))
                {
                    batch.Add(e);
                }

                if (batch.Count < MaxBatch && !stoppingToken.IsCancellationRequested)
                {
                    await Task.Delay(25, CancellationToken.None);
                }
            }

            await FlushAsync(batch);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete(); // what is queued is still written
        await base.StopAsync(cancellationToken);
    }

    private async Task FlushAsync(List<TrackingEvent> batch)
    {
        try
        {
            await store.AddAsync(batch, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogFlushFailed(e, batch.Count);
        }

        batch.Clear();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Count} tracking events failed; they are lost")]
    private partial void LogFlushFailed(Exception e, int count);
}
