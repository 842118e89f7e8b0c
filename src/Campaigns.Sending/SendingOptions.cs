namespace Campaigns.Sending;

/// <summary>Configuration section <c>Campaigns:Sending</c>.</summary>
public sealed class SendingOptions
{
    public const string Section = "Campaigns:Sending";

    /// <summary>Where readers' mail clients reach the public endpoints (tracking, unsubscribe).</summary>
    public string PublicUrl { get; set; } = "http://localhost:5080";

    /// <summary>The domain of VERP return paths (bounces+…@this); the From address's domain when empty.</summary>
    public string? BounceDomain { get; set; }

    public string BouncePrefix { get; set; } = "bounces";

    /// <summary>The queue SendBatch messages wait in (workers consume it; KEDA scales on its depth).</summary>
    public string QueueName { get; set; } = "send-batch";

    /// <summary>Recipients per SendBatch message.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>A deferred message is retried until this long after its campaign started, then fails as expired.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(72);

    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a worker's hold on a batch or a connection slot lasts without renewal; a dead worker's work is taken over after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Batches one worker process sends at once (each on its own connection).</summary>
    public int ConcurrentBatches { get; set; } = 8;

    /// <summary>How often the dispatcher plans, publishes, retries and finishes.</summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Name of this process in leases and logs.</summary>
    public string WorkerName { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}";
}
