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
    private readonly Task _renewal;

    internal DomainConnectionLease(ThrottleStore store, IClock clock, string domain, int slot, string holder, TimeSpan lease)
    {
        (_store, _clock, Domain, Slot, _holder, _lease) = (store, clock, domain, slot, holder, lease);
        _renewal = RenewAsync();
    }

    public string Domain { get; }

    public int Slot { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _renewal;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        await _store.ReleaseConnectionAsync(Domain, Slot, _holder, CancellationToken.None);
    }

    private async Task RenewAsync()
    {
        using var timer = new PeriodicTimer(_lease / 3);
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            await _store.RenewConnectionAsync(Domain, Slot, _holder, _clock.UtcNow + _lease, _stop.Token);
        }
    }
}
