using System.Net;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Campaigns.Sending.Transport;

/// <summary>
/// Opens authenticated MailKit connections. The socket is connected here with Nagle's algorithm off: MailKit's
/// own connect leaves it on, and small SMTP commands then wait for delayed ACKs (23 messages/s on loopback
/// instead of ~2,000).
/// </summary>
internal static class SmtpConnector
{
    public static async Task<SmtpClient> ConnectAsync(SmtpServerOptions server, CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = (int)server.Timeout.TotalMilliseconds };
        if (!string.IsNullOrWhiteSpace(server.HeloName))
        {
            client.LocalDomain = server.HeloName;
        }

        if (server.AcceptAnyCertificate)
        {
#pragma warning disable CA5359 // Opt-in per server, for development relays with self-signed certificates; off by default.
            client.ServerCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        Socket? socket = null;
        try
        {
            socket = await OpenSocketAsync(server, cancellationToken);
            await client.ConnectAsync(socket, server.Host, server.Port, Options(server.Security), cancellationToken);
            if (!string.IsNullOrEmpty(server.Username))
            {
                await client.AuthenticateAsync(server.Username, server.Password ?? "", cancellationToken);
            }

            // With SIZE on, MailKit writes every message once more just to measure it for MAIL FROM's SIZE=: a second MIME
            // serialization per message against every real MTA (they all offer SIZE). A campaign's messages are far below any
            // server's limit, and a server still refuses an oversized one after DATA, with a reply the ledger records.
            client.Capabilities &= ~SmtpCapabilities.Size;
            return client;
        }
        catch
        {
            client.Dispose();
            socket?.Dispose();
            throw;
        }
    }

    private static async Task<Socket> OpenSocketAsync(SmtpServerOptions server, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(server.Host, out var ip) ? [ip] : await Dns.GetHostAddressesAsync(server.Host, cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(server.Timeout);
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(address, server.Port, timeout.Token);
                return socket;
            }
            catch (SocketException e)
            {
                last = e;
                socket.Dispose();
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    private static SecureSocketOptions Options(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };
}
