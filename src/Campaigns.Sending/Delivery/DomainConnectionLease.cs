using Campaigns.Core.Common;
using Campaigns.Data.Sending;

namespace Campaigns.Sending.Delivery;

/// <summary>One of a domain's fleet-wide connection slots, renewed while held and given back on dispose.</summary>
public sealed class DomainConnectionLease : IAsyncDisposable
{
    private readonly ThrottleStore _store;
    private readonly IClock _clock;
    private readonly string _holder;
    private readonly TimeSpan _lease;
    private readonly CancellationTokenSource _stop = new();
    private readonly PeriodicTimer _timer;
    private readonly Task _renewal;

    internal DomainConnectionLease(ThrottleStore store, IClock clock, string domain, int slot, string holder, TimeSpan lease)
    {
        (_store, _clock, Domain, Slot, _holder, _lease) = (store, clock, domain, slot, holder, lease);
        _timer = new PeriodicTimer(lease / 3);
        _renewal = RenewAsync();
    }

    public string Domain { get; }

    public int Slot { get; }

    public async ValueTask DisposeAsync()
    {
        // A disposed timer ends the renewal loop without an exception (one per batch otherwise); the token only cuts
        // short a renewal that is under way.
        _timer.Dispose();
        await _stop.CancelAsync();
        await _renewal.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
        await _store.ReleaseConnectionAsync(Domain, Slot, _holder, CancellationToken.None);
    }

    private async Task RenewAsync()
    {
        while (await _timer.WaitForNextTickAsync())
        {
            await _store.RenewConnectionAsync(Domain, Slot, _holder, _clock.UtcNow + _lease, _stop.Token);
        }
    }
}
