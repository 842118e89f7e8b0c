using MailKit.Net.Smtp;

namespace Campaigns.Sending.Transport;

/// <summary>A connection of the pool, with how many messages it carried and when it was last used.</summary>
internal sealed class PooledConnection(SmtpClient client)
{
    public SmtpClient Client { get; } = client;

    public int Messages { get; set; }

    public DateTimeOffset LastUsed { get; set; } = DateTimeOffset.UtcNow;
}
