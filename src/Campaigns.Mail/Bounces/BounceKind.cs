namespace Campaigns.Mail.Bounces;

/// <summary>What a returned message (or an SMTP reply) says about a recipient.</summary>
public enum BounceKind
{
    /// <summary>Nothing could be concluded.</summary>
    Unknown,

    /// <summary>Permanent at the address or the domain: unknown user, no such domain, moved, disabled.</summary>
    Hard,

    /// <summary>Worth retrying later: mailbox full, greylisting, rate limits, content or policy rejections, expired in a queue.</summary>
    Soft,

    /// <summary>A feedback report (ARF) or an unsubscribe request from the mailbox provider.</summary>
    Complaint,

    /// <summary>An out-of-office or other automatic reply.</summary>
    AutoReply,

    /// <summary>A DSN saying the message was delivered, relayed or expanded.</summary>
    Delivered,

    /// <summary>The message is none of the above (a person's reply, a newsletter...).</summary>
    NotBounce,
}
