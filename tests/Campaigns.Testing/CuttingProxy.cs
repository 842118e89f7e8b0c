using System.Net;
using System.Net.Sockets;

namespace Campaigns.Testing;

/// <summary>
/// A TCP proxy in front of a real server that hangs up on the client once the server has sent a given number of
/// bytes on the first connection (say, in the middle of a large IMAP FETCH); later connections pass untouched.
/// </summary>
public sealed class CuttingProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly int _targetPort;
    private readonly long _cutAfterBytes;
    private int _connections;

    public CuttingProxy(int targetPort, long cutAfterBytes)
    {
        _targetPort = targetPort;
        _cutAfterBytes = cutAfterBytes;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>True once a connection was cut.</summary>
    public bool HasCut { get; private set; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var cut = Interlocked.Increment(ref _connections) == 1 ? _cutAfterBytes : long.MaxValue;
            _ = ServeAsync(client, cut);
        }
    }

    private async Task ServeAsync(TcpClient client, long cutAfter)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
                var up = client.GetStream().CopyToAsync(server.GetStream(), _stop.Token);
                var down = CopyUntilAsync(server.GetStream(), client.GetStream(), cutAfter);
                await Task.WhenAny(up, down);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
            }
        }
    }

    private async Task CopyUntilAsync(Stream from, Stream to, long cutAfter)
    {
        var buffer = new byte[81920];
        long sent = 0;
        int read;
        while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
        {
            var take = (int)Math.Min(read, cutAfter - sent);
            await to.WriteAsync(buffer.AsMemory(0, take), _stop.Token);
            sent += take;
            if (sent >= cutAfter)
            {
                HasCut = true;
                return; // disposing both connections hangs up mid-response
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
