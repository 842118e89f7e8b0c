using Campaigns.Data.Sending;
using Campaigns.Sending.Tests.Infrastructure;
using Campaigns.Testing;

namespace Campaigns.Sending.Tests.Delivery;

public sealed class ThrottleStoreTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Workers_reserving_at_once_never_share_a_slot_and_slots_keep_the_interval(string provider)
    {
        await using var db = await SendingData.CreateAsync(provider);
        var store = db.Get<ThrottleStore>();
        const long interval = 10_000; // 100 per second
        var ct = TestContext.Current.CancellationToken;

        // Four "workers" (their own tasks and connections) take 3 slots at a time, 25 times each.
        var reservations = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var mine = new List<SlotReservation>();
            for (var i = 0; i < 25; i++)
            {
                mine.Add(await store.ReserveAsync("gmail.com", 3, interval, ct));
            }

            return mine;
        }, ct)));

        var slots = reservations.SelectMany(r => r).SelectMany(r => Enumerable.Range(0, r.Count).Select(i => r.FirstSlotUs + (i * interval))).Order().ToList();
        Assert.Equal(300, slots.Count);
        Assert.Equal(300, slots.Distinct().Count());
        Assert.All(slots.Zip(slots.Skip(1)), p => Assert.True(p.Second - p.First >= interval, $"slots {p.First} and {p.Second} are closer than the interval"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_backoff_stops_reservations_and_concurrent_4xx_raise_the_level_once(string provider)
    {
        var clock = new FixedClock(DateTimeOffset.Parse("2026-11-24T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var db = await SendingData.CreateAsync(provider, clock);
        var store = db.Get<ThrottleStore>();
        var ct = TestContext.Current.CancellationToken;

        var first = await store.BackOffAsync("yahoo.com", "421 4.7.0 [TSS04] Messages temporarily deferred", TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), ct);
        var second = await store.BackOffAsync("yahoo.com", "421 again", TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), ct);
        Assert.Equal(first, second); // already backing off: not escalated again
        Assert.InRange(first - clock.UtcNow, TimeSpan.FromSeconds(47), TimeSpan.FromSeconds(73));

        var during = await store.ReserveAsync("yahoo.com", 5, 50_000, ct);
        Assert.True(during.IsBackingOff);
        Assert.Equal(UnixMicros.From(first), during.BackoffUntilUs);
        Assert.False((await store.ReserveAsync("gmail.com", 5, 50_000, ct)).IsBackingOff); // other domains go on

        clock.UtcNow = first.AddSeconds(1);
        var next = await store.BackOffAsync("yahoo.com", "421 still", TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), ct);
        Assert.InRange(next - clock.UtcNow, TimeSpan.FromSeconds(95), TimeSpan.FromSeconds(145)); // level 2: twice the base, ±20%
        clock.UtcNow = next.AddSeconds(1);
        var after = await store.ReserveAsync("yahoo.com", 5, 50_000, ct);
        Assert.False(after.IsBackingOff);
        Assert.Equal(2, after.BackoffLevel);
        await store.ResetBackoffAsync("yahoo.com", ct);
        Assert.Equal(0, (await store.ReserveAsync("yahoo.com", 1, 50_000, ct)).BackoffLevel);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Connection_slots_are_limited_fleet_wide_and_a_dead_holders_slot_comes_back(string provider)
    {
        var clock = new FixedClock(DateTimeOffset.Parse("2026-11-24T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var db = await SendingData.CreateAsync(provider, clock);
        var store = db.Get<ThrottleStore>();
        var ct = TestContext.Current.CancellationToken;
        var lease = clock.UtcNow.AddSeconds(30);

        Assert.Equal(0, await store.TryAcquireConnectionAsync("gmail.com", 2, "w1", lease, ct));
        Assert.Equal(1, await store.TryAcquireConnectionAsync("gmail.com", 2, "w2", lease, ct));
        Assert.Null(await store.TryAcquireConnectionAsync("gmail.com", 2, "w3", lease, ct));

        await store.ReleaseConnectionAsync("gmail.com", 0, "w1", ct);
        Assert.Equal(0, await store.TryAcquireConnectionAsync("gmail.com", 2, "w3", lease, ct));

        // w2 dies: its lease passes and its slot is taken over.
        clock.UtcNow = lease.AddSeconds(1);
        Assert.True(await store.RenewConnectionAsync("gmail.com", 0, "w3", clock.UtcNow.AddSeconds(30), ct));
        Assert.Equal(1, await store.TryAcquireConnectionAsync("gmail.com", 2, "w4", clock.UtcNow.AddSeconds(30), ct));
        Assert.False(await store.RenewConnectionAsync("gmail.com", 1, "w2", clock.UtcNow.AddSeconds(30), ct));
    }
}
