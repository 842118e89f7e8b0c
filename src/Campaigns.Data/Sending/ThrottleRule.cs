namespace Campaigns.Data.Sending;

/// <summary>How fast the whole fleet may send to a domain ('*' for every domain without a rule of its own).</summary>
public sealed record ThrottleRule(string Domain, double PerSecond, int MaxConnections);
