using MailKit.Net.Imap;
using MailKit.Security;

namespace Campaigns.Sending.Bounces;

/// <summary>Connects and logs in to the bounce mailbox; shared by the reader and the settings page's test.</summary>
public static class BounceMailboxConnector
{
    public static async Task<ImapClient> ConnectAsync(BounceMailboxOptions o, CancellationToken cancellationToken)
    {
        var client = new ImapClient { Timeout = 60_000 };
        if (o.AcceptAnyCertificate)
        {
#pragma warning disable CA5359 // Opt-in for development mail servers with self-signed certificates; off by default.
            client.ServerCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        try
        {
            var security = Enum.TryParse<SecureSocketOptions>(o.Security, ignoreCase: true, out var s) ? s : SecureSocketOptions.Auto;
            await client.ConnectAsync(o.Host, o.Port, security, cancellationToken);
            await client.AuthenticateAsync(o.Username, o.Password, cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
