namespace Campaigns.Sending.Dispatch;

/// <summary>Whether the bus is the in-memory one (the embedded default), whose queue does not outlive the process.</summary>
public sealed record DispatcherMode(bool InMemoryBus);
