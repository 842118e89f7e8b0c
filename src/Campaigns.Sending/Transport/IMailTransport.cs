namespace Campaigns.Sending.Transport;

/// <summary>Where messages go: pooled SMTP servers, or a pickup folder when none is configured.</summary>
public interface IMailTransport
{
    /// <summary>A session for messages to one recipient domain; waits while every server is at its connection limit.</summary>
    Task<IMailSession> OpenSessionAsync(string recipientDomain, CancellationToken cancellationToken);
}
