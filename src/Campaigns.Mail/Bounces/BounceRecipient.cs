namespace Campaigns.Mail.Bounces;

/// <summary>One recipient named by a bounce, a feedback report or an auto-reply.</summary>
/// <param name="Address">The failed address, or null when the message does not say.</param>
/// <param name="Status">The RFC 3463 enhanced status, normalized ("5.1.1"), when one was found.</param>
/// <param name="ReplyCode">The remote server's SMTP reply code (550), when one was found.</param>
/// <param name="Action">The DSN action (failed, delayed, delivered, relayed, expanded), or "failed" for a non-standard bounce.</param>
/// <param name="Reason">The classifier's short reason ("user unknown").</param>
/// <param name="Diagnostic">What the remote server or the reporting MTA said, on one line.</param>
/// <param name="FeedbackType">The ARF Feedback-Type (abuse, fraud, virus, not-spam, opt-out, other) of a complaint.</param>
/// <param name="RemoteMta">The DSN's Remote-MTA, when given.</param>
public sealed record BounceRecipient(
    string? Address,
    string? Status,
    int? ReplyCode,
    string? Action,
    BounceKind Kind,
    string Reason,
    string? Diagnostic = null,
    string? FeedbackType = null,
    string? RemoteMta = null);
