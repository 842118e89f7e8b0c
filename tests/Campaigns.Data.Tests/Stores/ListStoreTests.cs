using Campaigns.Core.Common;
using Campaigns.Core.Lists;
using Campaigns.Data.Tests.Import;
using Campaigns.Data.Tests.Infrastructure;
using Campaigns.Testing;

namespace Campaigns.Data.Tests.Stores;

public sealed class ListStoreTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Creates_lists_with_unique_names_ignoring_case(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var store = db.Get<IListStore>();
        var list = await store.CreateAsync(new NewList("  Weekly News ", "Our weekly letter", ListVisibility.Public, OptInKind.Double, ["news", "News", " weekly "]));

        Assert.Equal("Weekly News", list.Name);
        Assert.Equal((ListVisibility.Public, OptInKind.Double), (list.Visibility, list.OptIn));
        Assert.Equal(["news", "weekly"], list.Tags);
        Assert.Equivalent(list, await store.GetAsync(list.Id), strict: true);
        Assert.Equal(list.Id, (await store.FindByNameAsync("weekly news"))!.Id);

        var duplicate = await Assert.ThrowsAsync<ValidationException>(() => store.CreateAsync(new NewList("WEEKLY NEWS")));
        Assert.Contains("already exists", duplicate.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ValidationException>(() => store.CreateAsync(new NewList("   ")));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Lists_counts_by_membership_status_and_deleting_keeps_subscribers(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await db.ImportAsync("email\na@example.com\nb@example.com\nc@example.com\n");
        await db.ImportAsync("email\nc@example.com\n", Campaigns.Core.Import.ImportMode.Unsubscribe);
        await db.ListAsync("Empty");
        var store = db.Get<IListStore>();

        var summaries = await store.ListAsync();
        Assert.Equal(["Empty", "Newsletter"], summaries.Select(s => s.List.Name));
        Assert.Equal((2L, 0L, 1L, 3L), (summaries[1].Confirmed, summaries[1].Unconfirmed, summaries[1].Unsubscribed, summaries[1].Total));
        Assert.Equal(0, summaries[0].Total);

        Assert.True(await store.DeleteAsync(summaries[1].List.Id));
        Assert.False(await store.DeleteAsync(summaries[1].List.Id));
        Assert.Equal(3, await db.CountAsync());
        Assert.Null(await db.MembershipAsync("a@example.com"));
    }
}
