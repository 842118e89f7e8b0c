using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;

namespace Campaigns.Sending.Transport;

/// <summary>
/// A MailKit connection pool per configured SMTP server. A session takes a connection slot of one server,
/// chosen at random by weight among those with a free slot and not cooling down after a refused connection;
/// when every server is at its limit the session waits. Idle connections are kept for the next batch and
/// closed after the idle timeout.
/// </summary>
public sealed class SmtpTransport : IMailTransport, IAsyncDisposable
{
    private readonly SmtpServerPool[] _pools;
    private readonly Timer _trim;
    private readonly TimeSpan _idleTimeout;
    private readonly Func<SmtpServerOptions, CancellationToken, Task<SmtpClient>> _connect;

    public SmtpTransport(IOptions<SmtpTransportOptions> options)
        : this(options.Value, SmtpConnector.ConnectAsync)
    {
    }

    internal SmtpTransport(SmtpTransportOptions options, Func<SmtpServerOptions, CancellationToken, Task<SmtpClient>> connect)
    {
        if (options.Servers.Count == 0)
        {
            throw new ArgumentException("At least one SMTP server is needed.", nameof(options));
        }

        _connect = connect;
        _pools = [.. options.Servers.Select(s => new SmtpServerPool(s, options.CoolDown, connect))];
        _idleTimeout = options.IdleTimeout;
        _trim = new Timer(_ => _ = TrimAsync(), null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
    }

    public async Task<IMailSession> OpenSessionAsync(string recipientDomain, CancellationToken cancellationToken)
    {
        while (true)
        {
            var candidates = _pools.Where(p => !p.IsCoolingDown).ToList();
            if (candidates.Count == 0)
            {
                candidates = [.. _pools]; // every server is cooling down: try them anyway, the session reports what happens
            }

            foreach (var pool in WeightedOrder(candidates))
            {
                if (pool.TryTakeSlot())
                {
                    return new SmtpSession(pool);
                }
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    public IReadOnlyList<SmtpServerStats> Stats() => [.. _pools.Select(p => p.Stats())];

    /// <summary>Connects to every server as a session would (TLS and AUTH included) and says what each answered.</summary>
    public async Task<IReadOnlyList<SmtpServerAnswer>> TestServersAsync(CancellationToken cancellationToken)
    {
        var answers = new List<SmtpServerAnswer>();
        foreach (var pool in _pools)
        {
            try
            {
                using var client = await _connect(pool.Options, cancellationToken);
                var capabilities = client.Capabilities;
                await client.DisconnectAsync(quit: true, cancellationToken);
                answers.Add(new SmtpServerAnswer(pool.Options.DisplayName, true, $"answers ({capabilities})"));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                answers.Add(new SmtpServerAnswer(pool.Options.DisplayName, false, e.Message.ReplaceLineEndings(" ")));
            }
        }

        return answers;
    }

    public async ValueTask DisposeAsync()
    {
        await _trim.DisposeAsync();
        foreach (var pool in _pools)
        {
            await pool.DisposeAsync();
        }
    }

    private static IEnumerable<SmtpServerPool> WeightedOrder(List<SmtpServerPool> pools)
    {
        // Weighted random order without replacement: each pick is proportional to the remaining weights.
        var left = new List<SmtpServerPool>(pools);
        while (left.Count > 0)
        {
            var total = left.Sum(p => Math.Max(1, p.Options.Weight));
            var pick = Random.Shared.Next(total);
            var index = 0;
            while (pick >= Math.Max(1, left[index].Options.Weight))
            {
                pick -= Math.Max(1, left[index].Options.Weight);
                index++;
            }

            yield return left[index];
            left.RemoveAt(index);
        }
    }

    private async Task TrimAsync()
    {
        foreach (var pool in _pools)
        {
            await pool.TrimAsync(_idleTimeout);
        }
    }
}
