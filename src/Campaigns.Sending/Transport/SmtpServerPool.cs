using System.Collections.Concurrent;
using MailKit.Net.Smtp;

namespace Campaigns.Sending.Transport;

/// <summary>
/// The connections of one SMTP server: at most <see cref="SmtpServerOptions.MaxConnections"/> in use at once,
/// idle ones kept for the next session, and a cool-down after the server refused a connection.
/// </summary>
internal sealed class SmtpServerPool : IAsyncDisposable
{
    private readonly Func<SmtpServerOptions, CancellationToken, Task<SmtpClient>> _connect;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentStack<PooledConnection> _idle = new();
    private readonly TimeSpan _coolDown;
    private long _coolingUntil;
    private long _sent;
    private long _deferred;
    private long _failed;
    private long _connectFailures;

    public SmtpServerPool(SmtpServerOptions options, TimeSpan coolDown, Func<SmtpServerOptions, CancellationToken, Task<SmtpClient>> connect)
    {
        Options = options;
        _coolDown = coolDown;
        _connect = connect;
        _slots = new SemaphoreSlim(Math.Max(1, options.MaxConnections));
    }

    public SmtpServerOptions Options { get; }

    public bool IsCoolingDown => DateTimeOffset.UtcNow.UtcTicks < Interlocked.Read(ref _coolingUntil);

    public bool TryTakeSlot() => _slots.Wait(0);

    public void ReturnSlot() => _slots.Release();

    /// <summary>An idle connection that still answers, or a new one.</summary>
    public async Task<PooledConnection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryPop(out var idle))
        {
            if (idle.Client.IsConnected && idle.Messages < Options.MessagesPerConnection)
            {
                if (DateTimeOffset.UtcNow - idle.LastUsed < TimeSpan.FromSeconds(5))
                {
                    return idle;
                }

                try
                {
                    // Idle for a while: the server may have dropped it. A NOOP is cheaper than a failed message.
                    await idle.Client.NoOpAsync(cancellationToken);
                    return idle;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                }
            }

            await CloseAsync(idle);
        }

        try
        {
            return new PooledConnection(await _connect(Options, cancellationToken));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Interlocked.Increment(ref _connectFailures);
            Interlocked.Exchange(ref _coolingUntil, (DateTimeOffset.UtcNow + _coolDown).UtcTicks);
            throw;
        }
    }

    public async Task PutBackAsync(PooledConnection connection)
    {
        connection.LastUsed = DateTimeOffset.UtcNow;
        if (connection.Client.IsConnected && connection.Messages < Options.MessagesPerConnection)
        {
            _idle.Push(connection);
        }
        else
        {
            await CloseAsync(connection);
        }
    }

    public void Count(DeliveryOutcome outcome)
    {
        switch (outcome)
        {
            case DeliveryOutcome.Sent: Interlocked.Increment(ref _sent); break;
            case DeliveryOutcome.Deferred: Interlocked.Increment(ref _deferred); break;
            case DeliveryOutcome.Failed: Interlocked.Increment(ref _failed); break;
        }
    }

    /// <summary>Closes connections idle for longer than <paramref name="idleTimeout"/>.</summary>
    public async Task TrimAsync(TimeSpan idleTimeout)
    {
        var keep = new List<PooledConnection>();
        while (_idle.TryPop(out var c))
        {
            if (DateTimeOffset.UtcNow - c.LastUsed > idleTimeout)
            {
                await CloseAsync(c);
            }
            else
            {
                keep.Add(c);
            }
        }

        foreach (var c in Enumerable.Reverse(keep))
        {
            _idle.Push(c);
        }
    }

    public SmtpServerStats Stats() => new(
        Options.DisplayName, Math.Max(1, Options.MaxConnections) - _slots.CurrentCount, _idle.Count,
        Interlocked.Read(ref _sent), Interlocked.Read(ref _deferred), Interlocked.Read(ref _failed), Interlocked.Read(ref _connectFailures), IsCoolingDown);

    public static async Task CloseAsync(PooledConnection connection)
    {
        try
        {
            if (connection.Client.IsConnected)
            {
                using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await connection.Client.DisconnectAsync(quit: true, quit.Token);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Closing a connection that is already broken: nothing more to do.
        }
        finally
        {
            connection.Client.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryPop(out var c))
        {
            await CloseAsync(c);
        }

        _slots.Dispose();
    }
}
