namespace Campaigns.Sending.Transport;

public enum DeliveryOutcome
{
    /// <summary>The server answered 250 to the end of DATA (or the pickup file was written).</summary>
    Sent,

    /// <summary>A 4xx reply: try again later; the recipient's domain backs off.</summary>
    Deferred,

    /// <summary>A 5xx reply: permanent for this recipient; the reply is kept for bounce classification.</summary>
    Failed,

    /// <summary>No SMTP server could take the message (refused, timed out, dropped, authentication failed): not the recipient's fault.</summary>
    Unavailable,
}
