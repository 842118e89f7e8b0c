namespace Campaigns.Mail.Bounces;

/// <summary>The outcome of classifying one failure; <paramref name="Reason"/> is short and stable ("user unknown", "mailbox full").</summary>
public readonly record struct BounceClassification(BounceKind Kind, string Reason);
