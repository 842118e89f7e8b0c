using Campaigns.Core.Import;
using Campaigns.Core.Lists;
using Campaigns.Core.Sending;
using Campaigns.Core.Suppressions;
using Campaigns.Data.Sending;
using Campaigns.Sending.Planning;
using Campaigns.Sending.Tests.Infrastructure;
using Campaigns.Testing;

namespace Campaigns.Sending.Tests.Planning;

public sealed class CampaignPlannerTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Each_recipient_once_across_lists_minus_unsubscribed_blocklisted_suppressed_and_unconfirmed(string provider)
    {
        await using var db = await SendingData.CreateAsync(provider);
        await db.ImportAsync("A", ImportMode.Add, "ann@example.com", "bob@example.com", "cid@example.com", "dee@bad.example", "eve@mail.spam.example");
        await db.ImportAsync("B", ImportMode.Add, "ann@example.com", "fay@example.org", "gus@example.org");
        await db.ImportAsync("B", ImportMode.Unsubscribe, "gus@example.org");
        await db.ImportAsync("A", ImportMode.Blocklist, "cid@example.com");
        await db.Get<ISuppressionStore>().AddAsync(SuppressionKind.Address, "bob@example.com", "hard bounce");
        await db.Get<ISuppressionStore>().AddAsync(SuppressionKind.Domain, "spam.example", "complaints");
        await db.Get<ISuppressionStore>().AddAsync(SuppressionKind.Domain, "bad.example", "no such domain");
        await db.ListAsync("Double", OptInKind.Double);
        await db.ImportAsync("Double", ImportMode.Add, "hal@example.net");
        var campaign = await db.CampaignAsync("A", "B", "Double");

        var written = await db.Get<CampaignPlanner>().PlanAsync(campaign.Id, TestContext.Current.CancellationToken);

        var ledger = await db.LedgerAsync(campaign.Id);
        Assert.Equal(["ann@example.com", "fay@example.org"], ledger.Select(r => r.Email));
        Assert.All(ledger, r => Assert.Equal("queued", r.Status));
        Assert.Equal(2, written);
        var stored = await db.Get<ICampaignStore>().GetAsync(campaign.Id);
        Assert.Equal(2, stored!.Planned);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Batches_hold_one_domain_and_small_domains_share_a_mixed_batch(string provider)
    {
        await using var db = await SendingData.CreateAsync(provider, settings: new() { ["Campaigns:Sending:BatchSize"] = "8" });
        var big = Enumerable.Range(0, 20).Select(i => $"user{i:00}@gmail.com");
        var small = Enumerable.Range(0, 6).Select(i => $"solo@d{i}.example");
        await db.ImportAsync("A", ImportMode.Add, [.. big, .. small]);
        var campaign = await db.CampaignAsync("A");

        await db.Get<CampaignPlanner>().PlanAsync(campaign.Id, TestContext.Current.CancellationToken);

        var ledger = await db.LedgerAsync(campaign.Id);
        Assert.Equal(26, ledger.Count);
        var gmail = ledger.Where(r => r.Email.EndsWith("@gmail.com", StringComparison.Ordinal)).GroupBy(r => r.BatchId).ToList();
        Assert.Equal([8, 8, 4], gmail.Select(g => g.Count()).Order().Reverse());
        Assert.All(gmail.SelectMany(g => g), r => Assert.Equal("gmail.com", r.Domain));
        var mixed = ledger.Where(r => r.Email.StartsWith("solo@", StringComparison.Ordinal)).ToList();
        Assert.All(mixed, r => Assert.Equal("", r.Domain));
        Assert.Single(mixed.Select(r => r.BatchId).Distinct()); // six one-recipient domains fit one mixed batch of eight
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Planning_again_after_a_crash_adds_only_what_is_missing(string provider)
    {
        await using var db = await SendingData.CreateAsync(provider);
        await db.ImportAsync("A", ImportMode.Add, "ann@example.com", "bob@example.com");
        var campaign = await db.CampaignAsync("A");
        var planner = db.Get<CampaignPlanner>();

        Assert.Equal(2, await planner.PlanAsync(campaign.Id, TestContext.Current.CancellationToken));
        await db.ImportAsync("A", ImportMode.Add, "cid@example.com");
        Assert.Equal(1, await planner.PlanAsync(campaign.Id, TestContext.Current.CancellationToken));

        Assert.Equal(3, (await db.LedgerAsync(campaign.Id)).Count);
        var pending = await db.Get<LedgerDispatch>().PendingBatchesAsync(100, TestContext.Current.CancellationToken);
        Assert.Equal(2, pending.Count); // the second run made one batch for the one new recipient, and no empty batch
    }
}
