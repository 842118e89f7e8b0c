namespace Campaigns.Mail.Messages;

/// <summary>Everything that goes into one recipient's message, rendered already.</summary>
/// <param name="ListId">The List-Id value, e.g. "Weekly news &lt;weekly.news.example.com&gt;".</param>
/// <param name="ReturnPath">The envelope sender (VERP address); also written as Return-Path.</param>
/// <param name="UnsubscribeMailto">An address whose mail unsubscribes, for List-Unsubscribe; optional.</param>
public sealed record OutgoingMessage(
    string FromName,
    string FromAddress,
    string ToName,
    string ToAddress,
    string Subject,
    string Html,
    string Text,
    string ListId,
    string ReturnPath,
    string UnsubscribeUrl,
    string? UnsubscribeMailto = null,
    string? ReplyTo = null,
    string? CampaignTag = null);
