using System.Globalization;
using Campaigns.Core.Import;
using Campaigns.Core.Sending;
using Campaigns.Data.Sending;
using Campaigns.Sending.Planning;
using Campaigns.Sending.Tests.Infrastructure;
using Campaigns.Testing;

namespace Campaigns.Sending.Tests.Delivery;

public sealed class SendLedgerTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-24T10:00:00Z", CultureInfo.InvariantCulture);

    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static async Task<(TestDatabase Db, FixedClock Clock, Campaign Campaign, PendingBatch Batch)> PlannedAsync(string provider, params string[] emails)
    {
        var clock = new FixedClock(Start);
        var db = await SendingData.CreateAsync(provider, clock);
        await db.ImportAsync("A", ImportMode.Add, emails);
        var campaign = await db.CampaignAsync("A");
        await db.Get<CampaignCommands>().StartAsync(campaign.Id);
        var ledger = db.Get<SendLedger>();
        Assert.Equal([campaign.Id], await db.Get<LedgerDispatch>().ClaimCampaignsToPlanAsync(Start.AddSeconds(30)));
        await db.Get<CampaignPlanner>().PlanAsync(campaign.Id, CancellationToken.None);
        var batch = Assert.Single(await db.Get<LedgerDispatch>().PendingBatchesAsync(10));
        return (db, clock, campaign, batch);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_batch_has_one_holder_until_its_lease_passes_then_it_goes_out_again(string provider)
    {
        var (db, clock, campaign, batch) = await PlannedAsync(provider, "ann@example.com", "bob@example.com");
        await using var _ = db;
        var ledger = db.Get<SendLedger>();
        Assert.Equal(CampaignStatus.Sending, (await db.Get<ICampaignStore>().GetAsync(campaign.Id))!.Status);

        Assert.Equal(BatchClaim.Claimed, await ledger.ClaimBatchAsync(batch.Id, "w1", Start.AddSeconds(30)));
        Assert.Equal(BatchClaim.NotAvailable, await ledger.ClaimBatchAsync(batch.Id, "w2", Start.AddSeconds(30)));
        var recipients = await ledger.StartBatchAsync(batch.Id, campaign.Id);
        Assert.Equal(2, recipients.Count);
        await ledger.RecordAsync([new SendRecord(campaign.Id, recipients[0].SubscriberId, SendStatus.Sent, "250 2.0.0 Ok: queued as ABC", "<m1@example.com>", "sink")]);

        // w1 is killed: its lease passes, the dispatcher takes the batch back, and w2 gets only what was not sent.
        clock.UtcNow = Start.AddSeconds(31);
        Assert.Equal(1, await db.Get<LedgerDispatch>().RequeueAbandonedAsync(includePublished: false));
        Assert.Equal(BatchClaim.Claimed, await ledger.ClaimBatchAsync(batch.Id, "w2", clock.UtcNow.AddSeconds(30)));
        var rest = await ledger.StartBatchAsync(batch.Id, campaign.Id);
        Assert.Equal([recipients[1].SubscriberId], rest.Select(r => r.SubscriberId));
        await ledger.RecordAsync([new SendRecord(campaign.Id, rest[0].SubscriberId, SendStatus.Failed, "550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown")]);
        await ledger.ReleaseBatchAsync(batch.Id, "done");

        Assert.Equal(1, await db.Get<LedgerDispatch>().FinishCampaignsAsync());
        var progress = await db.Get<ICampaignControl>().GetProgressAsync(campaign.Id);
        Assert.Equal((CampaignStatus.Finished, 2L, 1L, 1L, 0L), (progress.Status, progress.Planned, progress.Sent, progress.Failed, progress.Queued));
        Assert.Equal(BatchClaim.NotAvailable, await ledger.ClaimBatchAsync(batch.Id, "w3", clock.UtcNow.AddSeconds(30)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Deferred_recipients_come_back_in_a_new_batch_when_due_and_expire_after_the_maximum_age(string provider)
    {
        var (db, clock, campaign, batch) = await PlannedAsync(provider, "ann@example.com", "bob@example.com");
        await using var _ = db;
        var ledger = db.Get<SendLedger>();
        await ledger.ClaimBatchAsync(batch.Id, "w1", Start.AddSeconds(30));
        var r = await ledger.StartBatchAsync(batch.Id, campaign.Id);
        await ledger.RecordAsync([
            new SendRecord(campaign.Id, r[0].SubscriberId, SendStatus.Deferred, "451 4.7.1 Greylisted", NextAttemptAt: Start.AddMinutes(5)),
            new SendRecord(campaign.Id, r[1].SubscriberId, SendStatus.Deferred, "421 4.7.0 Try later", NextAttemptAt: Start.AddMinutes(10)),
        ]);
        await ledger.ReleaseBatchAsync(batch.Id, "done");
        await db.Get<LedgerDispatch>().MarkPublishedAsync([batch.Id]);

        Assert.Equal(0, await db.Get<LedgerDispatch>().ScheduleRetriesAsync(TimeSpan.FromHours(72), 100));
        clock.UtcNow = Start.AddMinutes(6);
        Assert.Equal(1, await db.Get<LedgerDispatch>().ScheduleRetriesAsync(TimeSpan.FromHours(72), 100));
        var retry = Assert.Single(await db.Get<LedgerDispatch>().PendingBatchesAsync(10));
        Assert.NotEqual(batch.Id, retry.Id);
        Assert.Equal(0, await db.Get<LedgerDispatch>().FinishCampaignsAsync()); // still deferred and queued rows

        clock.UtcNow = Start.AddHours(73);
        await db.Get<LedgerDispatch>().ScheduleRetriesAsync(TimeSpan.FromHours(72), 100);
        var progress = await db.Get<ICampaignControl>().GetProgressAsync(campaign.Id);
        Assert.Equal(1, progress.Failed);
        Assert.Equal(1, progress.Queued);
        Assert.Contains(await db.LedgerAsync(campaign.Id), x => x.Status == "failed");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Pause_holds_batches_resume_sends_them_and_cancel_records_the_rest(string provider)
    {
        var (db, _, campaign, batch) = await PlannedAsync(provider, "ann@example.com", "bob@example.com");
        await using var __ = db;
        var ledger = db.Get<SendLedger>();
        var commands = db.Get<CampaignCommands>();

        await commands.PauseAsync(campaign.Id);
        Assert.Equal(BatchClaim.Held, await ledger.ClaimBatchAsync(batch.Id, "w1", Start.AddSeconds(30)));
        Assert.Empty(await db.Get<LedgerDispatch>().PendingBatchesAsync(10));
        await Assert.ThrowsAsync<Core.Common.ValidationException>(() => commands.PauseAsync(campaign.Id));

        await commands.ResumeAsync(campaign.Id);
        Assert.Single(await db.Get<LedgerDispatch>().PendingBatchesAsync(10));

        await commands.CancelAsync(campaign.Id);
        Assert.Empty(await db.Get<LedgerDispatch>().PendingBatchesAsync(10));
        var progress = await db.Get<ICampaignControl>().GetProgressAsync(campaign.Id);
        Assert.Equal((CampaignStatus.Cancelled, 2L, 0L), (progress.Status, progress.Cancelled, progress.Sent));
        await Assert.ThrowsAsync<Core.Common.ValidationException>(() => commands.ResumeAsync(campaign.Id));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_recipient_who_unsubscribed_after_planning_is_not_mailed(string provider)
    {
        var (db, _, campaign, batch) = await PlannedAsync(provider, "ann@example.com", "bob@example.com");
        await using var __ = db;
        await db.ImportAsync("A", ImportMode.Unsubscribe, "bob@example.com");
        var ledger = db.Get<SendLedger>();
        await ledger.ClaimBatchAsync(batch.Id, "w1", Start.AddSeconds(30));

        var recipients = await ledger.StartBatchAsync(batch.Id, campaign.Id);

        Assert.Null(recipients.Single(r => r.Email == "ann@example.com").Skip);
        Assert.Equal("no longer subscribed to the campaign's lists", recipients.Single(r => r.Email == "bob@example.com").Skip);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Scheduling_in_a_time_zone_stores_the_utc_instant(string provider)
    {
        var clock = new FixedClock(Start);
        await using var db = await SendingData.CreateAsync(provider, clock);
        await db.ImportAsync("A", ImportMode.Add, "ann@example.com");
        var campaign = await db.CampaignAsync("A");

        await db.Get<CampaignCommands>().ScheduleAsync(campaign.Id, new DateTime(2026, 12, 1, 9, 30, 0), "Europe/Oslo");

        var stored = (await db.Get<ICampaignStore>().GetAsync(campaign.Id))!;
        Assert.Equal(CampaignStatus.Scheduled, stored.Status);
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T08:30:00Z", CultureInfo.InvariantCulture), stored.SendAt);
        Assert.Equal("Europe/Oslo", stored.TimeZone);
        Assert.Empty(await db.Get<LedgerDispatch>().ClaimCampaignsToPlanAsync(Start.AddSeconds(30)));
        await Assert.ThrowsAsync<Core.Common.ValidationException>(() => db.Get<CampaignCommands>().ScheduleAsync(campaign.Id, new DateTime(2027, 3, 28, 2, 30, 0), "Europe/Oslo"));
    }
}
