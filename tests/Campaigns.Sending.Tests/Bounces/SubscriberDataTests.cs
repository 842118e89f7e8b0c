using System.Text.Json.Nodes;
using Campaigns.Core.Feedback;
using Campaigns.Core.Import;
using Campaigns.Core.Sending;
using Campaigns.Core.Subscribers;
using Campaigns.Data.Feedback;
using Campaigns.Data.Sending;
using Campaigns.Sending.Bounces;
using Campaigns.Sending.Planning;
using Campaigns.Sending.Tests.Infrastructure;
using Campaigns.Testing;

namespace Campaigns.Sending.Tests.Bounces;

/// <summary>A subscriber's data on request: exported as JSON, and erased with every campaign's totals left as they were.</summary>
public sealed class SubscriberDataTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Export_holds_everything_and_erase_leaves_the_totals(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await SendingData.CreateAsync(provider);
        await db.ImportAsync("A", ImportMode.Add, "ann@example.com", "bob@example.com");
        var campaign = await db.CampaignAsync("A");
        await db.Get<CampaignCommands>().StartAsync(campaign.Id, ct);
        await db.Get<LedgerDispatch>().ClaimCampaignsToPlanAsync(DateTimeOffset.UtcNow.AddMinutes(1), ct);
        await db.Get<CampaignPlanner>().PlanAsync(campaign.Id, ct);
        var ann = (await db.Get<ISubscriberStore>().GetByEmailAsync("ann@example.com", ct))!;
        var bob = (await db.Get<ISubscriberStore>().GetByEmailAsync("bob@example.com", ct))!;
        await db.Get<SendLedger>().RecordAsync([
            new SendRecord(campaign.Id, ann.Id, SendStatus.Failed, "550 5.1.1 <ann@example.com>: User unknown"),
            new SendRecord(campaign.Id, bob.Id, SendStatus.Sent, "250 ok", "m-bob@example.com"),
        ], ct);
        await db.Get<ITrackingEventStore>().AddAsync([new TrackingEvent(campaign.Id, bob.Id, TrackingEventKind.Open, null, false, DateTimeOffset.UtcNow)], ct);
        await db.Get<BounceRecorder>().RecordSmtpFailureAsync(campaign.Id, ann.Id, "ann@example.com", "550 5.1.1 <ann@example.com>: User unknown", ct);
        var before = (await db.Get<ICampaignControl>().GetProgressAsync(campaign.Id, ct), await db.Get<ITrackingEventStore>().GetEngagementAsync(campaign.Id, ct));

        var json = JsonNode.Parse((await db.Get<ISubscriberDataStore>().ExportJsonAsync(bob.Id, ct))!)!;
        Assert.Equal("bob@example.com", json["subscriber"]!["email"]!.GetValue<string>());
        Assert.Equal("A", json["memberships"]![0]!["list"]!.GetValue<string>());
        Assert.Equal("sent", json["messages"]![0]!["status"]!.GetValue<string>());
        Assert.Equal("open", json["opensAndClicks"]![0]!["kind"]!.GetValue<string>());
        Assert.Equal("hard", JsonNode.Parse((await db.Get<ISubscriberDataStore>().ExportJsonAsync(ann.Id, ct))!)!["bounces"]![0]!["kind"]!.GetValue<string>());

        Assert.True(await db.Get<ISubscriberDataStore>().EraseAsync(bob.Id, ct));
        Assert.True(await db.Get<ISubscriberDataStore>().EraseAsync(ann.Id, ct));

        Assert.Null(await db.Get<ISubscriberStore>().GetByEmailAsync("bob@example.com", ct));
        Assert.Null(await db.Get<ISubscriberDataStore>().ExportJsonAsync(bob.Id, ct));
        var after = (await db.Get<ICampaignControl>().GetProgressAsync(campaign.Id, ct), await db.Get<ITrackingEventStore>().GetEngagementAsync(campaign.Id, ct));
        Assert.Equal((before.Item1.Sent, before.Item1.Failed, before.Item1.Planned), (after.Item1.Sent, after.Item1.Failed, after.Item1.Planned));
        Assert.Equal((before.Item2.UniqueOpens, before.Item2.TotalOpens), (after.Item2.UniqueOpens, after.Item2.TotalOpens));
        Assert.Equal(1, (await db.Get<BounceStore>().CountsAsync(campaign.Id, ct))["hard"]);
        await using var connection = await db.Database.OpenAsync(ct);
        Assert.Equal(0, await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection,
            "SELECT COUNT(*) FROM bounces WHERE email LIKE '%ann%' OR reason LIKE '%ann@%'"));
        Assert.Equal(0, await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM sends WHERE last_reply LIKE '%ann@%'"));
    }
}
