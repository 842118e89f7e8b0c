using System.Collections.Concurrent;
using Campaigns.Core.Common;
using Campaigns.Data.Sending;
using Microsoft.Extensions.Options;

namespace Campaigns.Sending.Delivery;

/// <summary>
/// Per-recipient-domain limits that hold across the fleet: every slot and connection comes from the shared
/// database (<see cref="ThrottleStore"/>). A sender takes a tenth of a second's worth of slots at a time and
/// waits for each; a slot it was too slow to use is dropped rather than used late, so a slow moment can never
/// turn into a burst above the rate.
/// </summary>
public sealed class DomainThrottle(ThrottleStore store, IClock clock, IOptions<SendingOptions> options)
{
    /// <summary>A slot this far in the past is dropped: using it would send faster than the rate in the next window.</summary>
    private static readonly TimeSpan LateSlot = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan RulesFor = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, ThrottleRule> _rules = new(StringComparer.Ordinal);
    private DateTimeOffset _rulesRead = DateTimeOffset.MinValue;

    public async Task<ThrottleRule> RuleForAsync(string domain, CancellationToken cancellationToken)
    {
        if (clock.UtcNow - _rulesRead > RulesFor)
        {
            var rules = await store.GetRulesAsync(cancellationToken);
            _rules.Clear();
            foreach (var rule in rules)
            {
                _rules[rule.Domain] = rule;
            }

            _rulesRead = clock.UtcNow;
        }

        return _rules.GetValueOrDefault(domain) ?? _rules.GetValueOrDefault("*") ?? new ThrottleRule("*", 20, 5);
    }

    /// <summary>A connection slot of the domain, held until the returned lease is disposed; null while all are in use.</summary>
    public async Task<DomainConnectionLease?> TryAcquireConnectionAsync(string domain, CancellationToken cancellationToken)
    {
        var rule = await RuleForAsync(domain, cancellationToken);
        var holder = $"{options.Value.WorkerName}:{Guid.NewGuid():N}";
        var slot = await store.TryAcquireConnectionAsync(domain, rule.MaxConnections, holder, clock.UtcNow + options.Value.Lease, cancellationToken);
        return slot is null ? null : new DomainConnectionLease(store, clock, domain, slot.Value, holder, options.Value.Lease);
    }

    /// <summary>A pacer for one connection's messages to the domain.</summary>
    public async Task<DomainPacer> PacerAsync(string domain, CancellationToken cancellationToken)
    {
        var rule = await RuleForAsync(domain, cancellationToken);
        return new DomainPacer(this, domain, rule);
    }

    internal Task<SlotReservation> ReserveAsync(string domain, int count, long intervalUs, CancellationToken cancellationToken) =>
        store.ReserveAsync(domain, count, intervalUs, cancellationToken);

    public Task<DateTimeOffset> BackOffAsync(string domain, string reply, CancellationToken cancellationToken) =>
        store.BackOffAsync(domain, reply, options.Value.BackoffBase, options.Value.BackoffMax, cancellationToken);

    public Task ResetBackoffAsync(string domain, CancellationToken cancellationToken) => store.ResetBackoffAsync(domain, cancellationToken);

    internal DateTimeOffset Now => clock.UtcNow;

    internal static TimeSpan Late => LateSlot;
}
