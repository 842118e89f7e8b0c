namespace Campaigns.Mail.Bounces;

/// <summary>Which structure the parser recognized, so a caller can tell a standard DSN from a guess made from prose.</summary>
public enum BounceFormat
{
    /// <summary>Nothing recognized (or the input could not be read).</summary>
    None,

    /// <summary>An RFC 3464 / RFC 6533 delivery status notification.</summary>
    DeliveryStatus,

    /// <summary>An RFC 5965 feedback report, or a provider's own complaint format (Hotmail JMRP, Apple unsubscribe).</summary>
    FeedbackReport,

    /// <summary>A bounce without a delivery-status part, understood from its human-readable text.</summary>
    NonStandard,

    /// <summary>An RFC 3834 automatic reply.</summary>
    AutoReply,
}
