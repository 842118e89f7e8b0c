using Campaigns.Core.Import;
using Campaigns.Core.Subscribers;
using Campaigns.Core.Suppressions;
using Campaigns.Data.Sending;
using Campaigns.Data.Tests.Import;
using Campaigns.Testing;

namespace Campaigns.Data.Tests.Stores;

/// <summary>The Subscribers page's filters and the campaign editor's audience count, on every configured database.</summary>
public sealed class SubscriberFilterTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Filters_by_attribute_status_and_membership_and_counts_what_it_shows(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await db.ImportAsync("email,name,plan,\"odd \"\"key\"\"\"\nann@example.com,Ann Berg,pro,x\nbob@example.org,Bob,free,y\ncy@example.net,Cy,pro,x\n");
        await db.ImportAsync("email\ncy@example.net\n", ImportMode.Blocklist);
        await db.ImportAsync("email\nbob@example.org\n", ImportMode.Unsubscribe);
        var store = db.Get<ISubscriberStore>();
        var list = await db.ListAsync();
        var ct = TestContext.Current.CancellationToken;

        var pro = new SubscriberQuery(AttributeName: "plan", AttributeValue: "pro");
        Assert.Equal(["ann@example.com", "cy@example.net"], (await store.FindAsync(pro, ct)).Select(s => s.Email));
        Assert.Equal(2, await store.CountAsync(pro, ct));
        Assert.Equal(2, await store.CountAsync(new SubscriberQuery(AttributeName: "odd \"key\"", AttributeValue: "x"), ct)); // quotes in a name stay data
        Assert.Equal(0, await store.CountAsync(new SubscriberQuery(AttributeName: "plan') OR 1=1 --", AttributeValue: "pro"), ct));
        Assert.Equal(["cy@example.net"], (await store.FindAsync(new SubscriberQuery(Status: SubscriberStatus.Blocklisted), ct)).Select(s => s.Email));
        var unsubscribed = new SubscriberQuery(ListId: list.Id, MembershipStatus: MembershipStatus.Unsubscribed);
        // Blocklisting from an import also ends the membership in that list.
        Assert.Equal(["bob@example.org", "cy@example.net"], (await store.FindAsync(unsubscribed, ct)).Select(s => s.Email));
        Assert.Equal(2, await store.CountAsync(unsubscribed, ct));
        Assert.Equal(3, await store.CountAsync(new SubscriberQuery(ListId: list.Id), ct));
        Assert.Equal(1, await store.CountAsync(new SubscriberQuery("berg"), ct));
        Assert.Equal(1, await store.CountAsync(new SubscriberQuery("ANN@"), ct));

        // The audience: Bob unsubscribed and Cy blocklisted leave Ann; a domain suppression then leaves no one.
        var ledger = db.Get<SendLedger>();
        Assert.Equal(1, await ledger.CountAudienceAsync([list.Id], ct));
        await db.Get<ISuppressionStore>().AddAsync(SuppressionKind.Domain, "example.com", "test", ct);
        Assert.Equal(0, await ledger.CountAudienceAsync([list.Id], ct));
        Assert.Equal(0, await ledger.CountAudienceAsync([], ct));
    }
}
