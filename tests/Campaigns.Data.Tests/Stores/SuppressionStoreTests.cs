using Campaigns.Core.Suppressions;
using Campaigns.Data.Tests.Infrastructure;
using Campaigns.Testing;

namespace Campaigns.Data.Tests.Stores;

public sealed class SuppressionStoreTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Suppresses_addresses_and_whole_domains_with_their_subdomains(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var store = db.Get<ISuppressionStore>();
        await store.AddAsync(SuppressionKind.Address, "gone@example.com", "hard bounce");
        await store.AddAsync(SuppressionKind.Address, "gone@example.com", "complaint");
        await store.AddAsync(SuppressionKind.Domain, "spamtrap.test", "known trap");

        Assert.Equal("complaint", (await store.FindForAsync("gone@EXAMPLE.com"))!.Reason);
        Assert.Equal(SuppressionKind.Domain, (await store.FindForAsync("x@deep.sub.spamtrap.test"))!.Kind);
        Assert.Null(await store.FindForAsync("x@notspamtrap.test"));
        Assert.Null(await store.FindForAsync("Gone@example.com")); // another mailbox: the local part's case counts
        Assert.Equal(2, (await store.ListAsync()).Count);

        Assert.True(await store.RemoveAsync(SuppressionKind.Domain, "spamtrap.test"));
        Assert.Null(await store.FindForAsync("x@spamtrap.test"));
    }
}
