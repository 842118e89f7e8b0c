namespace Campaigns.Sending.Transport;

/// <summary>What happened to one message.</summary>
/// <param name="Reply">The server's full reply (code, enhanced status and text), or what went wrong.</param>
/// <param name="Code">The SMTP reply code when there was one.</param>
/// <param name="Server">The name of the SMTP server (or pickup folder) that handled it.</param>
public sealed record DeliveryResult(DeliveryOutcome Outcome, string Reply, int? Code = null, string? Server = null);
