using Campaigns.Data.Sending;
using Campaigns.Testing;

namespace Campaigns.Data.Tests.Stores;

/// <summary>What the Settings pages read and change: throttle rules and back-offs, DKIM keys without their private half.</summary>
public sealed class SettingsStoreTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Throttle_rules_are_set_and_deleted_and_back_offs_are_listed_while_they_last(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var store = db.Get<ThrottleStore>();
        var ct = TestContext.Current.CancellationToken;
        await store.SetRuleAsync(new ThrottleRule("Gmail.com", 50, 10), ct);
        await store.SetRuleAsync(new ThrottleRule("*", 20, 5), ct);
        Assert.Contains(await store.GetRulesAsync(ct), r => r is { Domain: "gmail.com", PerSecond: 50, MaxConnections: 10 });
        Assert.True(await store.DeleteRuleAsync("GMAIL.com", ct));
        Assert.False(await store.DeleteRuleAsync("gmail.com", ct));
        Assert.DoesNotContain(await store.GetRulesAsync(ct), r => r.Domain == "gmail.com");
        Assert.Contains(await store.GetRulesAsync(ct), r => r.Domain == "*");

        Assert.Empty(await store.GetBackoffsAsync(ct));
        await store.BackOffAsync("yahoo.com", "421 4.7.0 try later", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10), ct);
        var backoff = Assert.Single(await store.GetBackoffsAsync(ct));
        Assert.Equal("yahoo.com", backoff.Domain);
        Assert.Equal("421 4.7.0 try later", backoff.LastReply);
        Assert.True(backoff.Until > DateTimeOffset.UtcNow);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Dkim_keys_are_listed_with_their_dns_record_and_without_the_private_key(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var store = db.Get<DkimKeyStore>();
        var ct = TestContext.Current.CancellationToken;
        await store.AddAsync("news.example.com", "cmp202611", "rsa2048", "-----BEGIN PRIVATE KEY-----SECRET", "MIIBIjANBg", ct);
        var key = Assert.Single(await store.ListAsync(ct));
        Assert.Equal("cmp202611._domainkey.news.example.com", key.DnsName);
        Assert.Equal("v=DKIM1; k=rsa; p=MIIBIjANBg", key.DnsValue);
        Assert.DoesNotContain("SECRET", key.ToString(), StringComparison.Ordinal);
    }
}
