namespace Campaigns.Data.Sending;

/// <summary>A recipient domain the fleet is holding off after a 4xx: until when, how many times in a row, and what it said.</summary>
public sealed record ThrottleBackoff(string Domain, DateTimeOffset Until, int Level, string? LastReply);
