using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Campaigns.Sending.Transport;

/// <summary>
/// One connection slot of one server, held for a batch: the connection is taken on the first message, reused
/// for the next ones, and put back in the pool (or closed when it broke) when the session ends.
/// </summary>
internal sealed class SmtpSession(SmtpServerPool pool) : IMailSession
{
    private PooledConnection? _connection;
    private bool _disposed;

    public async Task<DeliveryResult> SendAsync(MimeMessage message, string envelopeFrom, string recipient, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var server = pool.Options.DisplayName;
        if (_connection is null || !_connection.Client.IsConnected || _connection.Messages >= pool.Options.MessagesPerConnection)
        {
            if (_connection is not null)
            {
                await SmtpServerPool.CloseAsync(_connection);
                _connection = null;
            }

            try
            {
                _connection = await pool.GetConnectionAsync(cancellationToken);
            }
            catch (Exception e) when (e is SocketException or IOException or SmtpProtocolException or SmtpCommandException or AuthenticationException
                                          or SslHandshakeException or TimeoutException or NotSupportedException
                                          or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return new DeliveryResult(DeliveryOutcome.Unavailable, $"{server}: cannot connect: {Describe(e)}", null, server);
            }
        }

        var result = await SendOnAsync(_connection, message, envelopeFrom, recipient, server, cancellationToken);
        pool.Count(result.Outcome);
        return result;
    }

    private async Task<DeliveryResult> SendOnAsync(PooledConnection connection, MimeMessage message, string envelopeFrom, string recipient, string server, CancellationToken cancellationToken)
    {
        connection.Messages++;
        try
        {
            var reply = await connection.Client.SendAsync(message, MailboxAddress.Parse(envelopeFrom), [MailboxAddress.Parse(recipient)], cancellationToken);
            connection.LastUsed = DateTimeOffset.UtcNow;
            return new DeliveryResult(DeliveryOutcome.Sent, $"250 {reply}".Trim(), 250, server);
        }
        catch (SmtpCommandException e)
        {
            var code = (int)e.StatusCode;
            var text = $"{code} {e.Message}".Trim();
            if (code == 421 || !connection.Client.IsConnected)
            {
                await DropAsync();
            }

            return new DeliveryResult(code is >= 500 and < 600 ? DeliveryOutcome.Failed : DeliveryOutcome.Deferred, text, code, server);
        }
        catch (Exception e) when (e is SmtpProtocolException or IOException or ServiceNotConnectedException or SocketException or TimeoutException
                                      or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The connection broke during the transaction: the server never said 250, so the message is retried.
            await DropAsync();
            return new DeliveryResult(DeliveryOutcome.Deferred, $"{server}: connection lost before the server accepted the message: {Describe(e)}", null, server);
        }
        catch (Exception e) when (e is NotSupportedException or ParseException or ArgumentException or InvalidOperationException)
        {
            // Nothing the server said: this message cannot be sent as it is (for example a non-ASCII address to a server
            // without SMTPUTF8). Permanent for this recipient; the connection may be mid-transaction, so it is not reused.
            await DropAsync();
            return new DeliveryResult(DeliveryOutcome.Failed, $"not sent: {Describe(e)}", null, server);
        }
    }

    private async Task DropAsync()
    {
        if (_connection is not null)
        {
            await SmtpServerPool.CloseAsync(_connection);
            _connection = null;
        }
    }

    private static string Describe(Exception e) => e.Message.ReplaceLineEndings(" ").Trim();

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_connection is not null)
        {
            await pool.PutBackAsync(_connection);
            _connection = null;
        }

        pool.ReturnSlot();
    }
}
