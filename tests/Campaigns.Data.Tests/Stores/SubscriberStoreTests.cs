using Campaigns.Core.Subscribers;
using Campaigns.Data.Tests.Import;
using Campaigns.Data.Tests.Infrastructure;
using Campaigns.Testing;

namespace Campaigns.Data.Tests.Stores;

public sealed class SubscriberStoreTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Finds_by_email_prefix_or_name_and_counts_per_list(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await db.ImportAsync("email,name\nanna@example.com,Anna Berg\nannie@example.org,Annie Hall\nbob@example.com,Bob Anders\nx_y@example.com,Under Score\n");
        await db.ImportAsync("email\nbob@example.com\n", list: "Other");
        var store = db.Get<ISubscriberStore>();

        Assert.Equal(["anna@example.com", "annie@example.org"], (await store.FindAsync(new SubscriberQuery("ann"))).Select(s => s.Email));
        Assert.Equal(["anna@example.com"], (await store.FindAsync(new SubscriberQuery("BERG"))).Select(s => s.Email));
        Assert.Equal(["bob@example.com"], (await store.FindAsync(new SubscriberQuery("ANDERS"))).Select(s => s.Email));
        Assert.Equal(["x_y@example.com"], (await store.FindAsync(new SubscriberQuery("x_"))).Select(s => s.Email)); // _ is not a wildcard
        Assert.Equal(["bob@example.com"], (await store.FindAsync(new SubscriberQuery(null, (await db.ListAsync("Other")).Id))).Select(s => s.Email));
        Assert.Equal(["annie@example.org"], (await store.FindAsync(new SubscriberQuery("ann", Offset: 1, Limit: 1))).Select(s => s.Email));

        Assert.Equal(4, await store.CountAsync());
        Assert.Equal(1, await store.CountAsync((await db.ListAsync("Other")).Id));
        Assert.Equal(4, await store.CountAsync((await db.ListAsync()).Id, MembershipStatus.Confirmed));
        Assert.Equal(0, await store.CountAsync((await db.ListAsync()).Id, MembershipStatus.Unsubscribed));

        var memberships = await store.GetMembershipsAsync((await db.SubscriberAsync("bob@example.com")).Id);
        Assert.Equal(["Newsletter", "Other"], memberships.Select(m => m.ListName));
        Assert.Null(await store.GetByEmailAsync("not an address"));
    }
}
