namespace Campaigns.Sending.Bounces;

/// <summary>What a connection test found: which server (never its password), whether it worked, and the answer or error.</summary>
public sealed record ConnectionTestResult(string Server, bool Ok, string Message);
