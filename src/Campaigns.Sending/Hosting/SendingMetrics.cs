using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Campaigns.Sending.Hosting;

/// <summary>
/// The sender's instruments, on a .NET Meter (the API OpenTelemetry reads) and exported on /metrics in the
/// Prometheus format. Domains are tagged by their throttle rule ("gmail.com", or "other" for every domain without
/// a rule of its own), so the number of series stays small whatever the audience.
/// </summary>
public sealed class SendingMetrics : IDisposable
{
    public const string MeterName = "Campaigns.Sending";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _messages;
    private readonly Histogram<double> _sendSeconds;
    private readonly Histogram<double> _throttleWaitSeconds;
    private readonly Counter<long> _batches;
    private readonly Counter<long> _bounces;
    private long _waiting;
    private long _running;

    public SendingMetrics()
    {
        _messages = _meter.CreateCounter<long>("messages", "{message}", "Messages by outcome (sent, deferred, failed, cancelled, unavailable), rule domain and SMTP server");
        _sendSeconds = _meter.CreateHistogram<double>("send_duration", "s", "Time to hand one message to the SMTP server, from MAIL FROM to its reply");
        _throttleWaitSeconds = _meter.CreateHistogram<double>("throttle_wait", "s", "Time a message waited for its domain's send slot");
        _batches = _meter.CreateCounter<long>("batches", "{batch}", "SendBatch messages by what became of them (sent, held, requeued, not available)");
        _bounces = _meter.CreateCounter<long>("bounces", "{bounce}", "Bounces and complaints recorded, by kind (hard, soft, complaint, autoreply, unknown) and source (smtp, mailbox)");
        _meter.CreateObservableGauge("queue_depth", () => new[]
        {
            new Measurement<long>(Interlocked.Read(ref _waiting), new KeyValuePair<string, object?>("state", "waiting")),
            new Measurement<long>(Interlocked.Read(ref _running), new KeyValuePair<string, object?>("state", "running")),
        }, "{batch}", "SendBatch messages waiting for a worker, and being sent");
    }

    public void Message(string outcome, string ruleDomain, string? server, TimeSpan? sendTime = null)
    {
        var tags = new TagList { { "outcome", outcome }, { "domain", RuleTag(ruleDomain) }, { "server", server ?? "" } };
        _messages.Add(1, tags);
        if (sendTime is { } t)
        {
            _sendSeconds.Record(t.TotalSeconds, new TagList { { "server", server ?? "" } });
        }
    }

    public void ThrottleWait(string ruleDomain, TimeSpan wait) => _throttleWaitSeconds.Record(wait.TotalSeconds, new TagList { { "domain", RuleTag(ruleDomain) } });

    public void Bounce(string kind, string source) => _bounces.Add(1, new TagList { { "kind", kind }, { "source", source } });

    public void Batch(string result) => _batches.Add(1, new TagList { { "result", result } });

    /// <summary>SendBatch messages waiting for a worker (pending or published) and being sent, as the last dispatcher round counted them.</summary>
    public void SetQueueDepth(long waiting, long running)
    {
        Interlocked.Exchange(ref _waiting, waiting);
        Interlocked.Exchange(ref _running, running);
    }

    public void Dispose() => _meter.Dispose();

    private static string RuleTag(string ruleDomain) => ruleDomain is "*" or "" ? "other" : ruleDomain;
}
