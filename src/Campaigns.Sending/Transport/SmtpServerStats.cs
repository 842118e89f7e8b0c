namespace Campaigns.Sending.Transport;

/// <summary>What one server of the pool has done, for metrics and the settings page.</summary>
public sealed record SmtpServerStats(string Server, int OpenConnections, int IdleConnections, long Sent, long Deferred, long Failed, long ConnectFailures, bool CoolingDown);
