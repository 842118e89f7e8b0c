namespace Campaigns.Core.Reports;

/// <summary>A recipient domain's share of a campaign: messages sent and failed, and the recipients who opened or clicked.</summary>
public sealed record DomainReport(string Domain, long Recipients, long Sent, long Failed, long Deferred, long Opened, long Clicked);
