using System.Globalization;
using Campaigns.Core.Import;
using Campaigns.Core.Subscribers;
using Campaigns.Core.Suppressions;
using Campaigns.Data.Feedback;
using Campaigns.Sending.Bounces;
using Campaigns.Sending.Tests.Infrastructure;
using Campaigns.Testing;

namespace Campaigns.Sending.Tests.Bounces;

public sealed class BounceRecorderTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static BounceRecord Soft(string email, int n) => new(null, null, email, "soft", "mailbox", "5.2.2", "mailbox full", $"mailbox:soft-{n}:{email}");

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Hard_bounces_and_complaints_suppress_at_once_and_soft_ones_after_three_in_thirty_days(string provider)
    {
        var clock = new FixedClock(DateTimeOffset.Parse("2026-11-24T10:00:00Z", CultureInfo.InvariantCulture));
        await using var db = await SendingData.CreateAsync(provider, clock);
        await db.ImportAsync("A", ImportMode.Add, "ann@example.com", "bob@example.com", "cid@example.com", "dee@example.com");
        var campaign = await db.CampaignAsync("A");
        var recorder = db.Get<BounceRecorder>();
        var suppressions = db.Get<ISuppressionStore>();
        var ct = TestContext.Current.CancellationToken;

        Assert.True(await recorder.RecordSmtpFailureAsync(campaign.Id, 1, "ann@example.com", "550 5.1.1 <ann@example.com>: Recipient address rejected: User unknown in local recipient table", ct));
        Assert.False(await recorder.RecordSmtpFailureAsync(campaign.Id, 1, "ann@example.com", "550 5.1.1 again", ct)); // the same pair: counted once
        Assert.NotNull(await suppressions.FindForAsync("ann@example.com", ct));

        var bob = (await db.Get<ISubscriberStore>().GetByEmailAsync("bob@example.com", ct))!;
        await recorder.RecordAsync(new BounceRecord(campaign.Id, bob.Id, "bob@example.com", "complaint", "mailbox", null, "abuse report", "mailbox:arf-1:bob@example.com"), ct);
        Assert.NotNull(await suppressions.FindForAsync("bob@example.com", ct));
        Assert.Equal(MembershipStatus.Unsubscribed, (await db.Get<ISubscriberStore>().GetMembershipsAsync(bob.Id, ct)).Single().Status);

        await recorder.RecordAsync(new BounceRecord(campaign.Id, null, "cid@example.com", "autoreply", "mailbox", null, "out of office", "mailbox:ooo:cid"), ct);
        Assert.Null(await suppressions.FindForAsync("cid@example.com", ct));

        await recorder.RecordAsync(Soft("dee@example.com", 1), ct);
        clock.UtcNow = clock.UtcNow.AddDays(40); // the first one falls out of the window
        await recorder.RecordAsync(Soft("dee@example.com", 2), ct);
        await recorder.RecordAsync(Soft("dee@example.com", 3), ct);
        Assert.Null(await suppressions.FindForAsync("dee@example.com", ct));
        await recorder.RecordAsync(Soft("dee@example.com", 4), ct);
        var suppressed = await suppressions.FindForAsync("dee@example.com", ct);
        Assert.NotNull(suppressed);
        Assert.StartsWith("3 soft bounces in 30 days", suppressed.Reason, StringComparison.Ordinal);

        var counts = await db.Get<BounceStore>().CountsAsync(campaign.Id, ct);
        Assert.Equal((1L, 1L, 1L), (counts["hard"], counts["complaint"], counts["autoreply"]));
    }

    [Theory]
    [InlineData("550 5.1.1 <x@example.com>: Recipient address rejected: User unknown", "hard")]
    [InlineData("552 5.2.2 Mailbox full", "soft")]
    [InlineData("550 5.7.1 Message rejected as spam", "soft")]
    [InlineData("554 5.7.1 Service unavailable; Client host blocked using zen.spamhaus.org", "soft")]
    [InlineData("550 5.1.2 Host unknown: no such domain", "hard")]
    public async Task Smtp_replies_are_classified(string reply, string kind)
    {
        await using var db = await SendingData.CreateAsync("sqlite");
        await db.ImportAsync("A", ImportMode.Add, "x@example.com");
        var campaign = await db.CampaignAsync("A");

        await db.Get<BounceRecorder>().RecordSmtpFailureAsync(campaign.Id, 1, "x@example.com", reply, TestContext.Current.CancellationToken);

        Assert.Equal(1, (await db.Get<BounceStore>().CountsAsync(campaign.Id, TestContext.Current.CancellationToken))[kind]);
    }
}
