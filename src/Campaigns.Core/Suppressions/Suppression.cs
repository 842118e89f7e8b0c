namespace Campaigns.Core.Suppressions;

/// <param name="Value">The normalized address or the ASCII domain.</param>
public sealed record Suppression(long Id, SuppressionKind Kind, string Value, string Reason, DateTimeOffset CreatedAt);
