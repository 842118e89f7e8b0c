using Campaigns.Core.Import;
using Campaigns.Core.Subscribers;

namespace Campaigns.Core.Tests.Import;

public sealed class ImportPlannerTests
{
    private static readonly Dictionary<string, string> NoSuppressions = [];

    [Fact]
    public void Add_creates_new_joins_existing_and_respects_consent()
    {
        var rows = Rows("new@example.com", "member@example.com", "other@example.com", "left@example.com", "blocked@example.com", "bounced@example.com", "x@spam.test");
        var existing = new Dictionary<string, ExistingSubscriber>
        {
            ["member@example.com"] = new(1, SubscriberStatus.Enabled, MembershipStatus.Confirmed),
            ["other@example.com"] = new(2, SubscriberStatus.Enabled, null),
            ["left@example.com"] = new(3, SubscriberStatus.Enabled, MembershipStatus.Unsubscribed),
            ["blocked@example.com"] = new(4, SubscriberStatus.Blocklisted, null),
        };
        var suppressed = new Dictionary<string, string> { ["bounced@example.com"] = "hard bounce", ["spam.test"] = "trap" };
        var plan = new ImportBatchPlan();

        ImportPlanner.Plan(ImportMode.Add, MembershipStatus.Confirmed, rows, existing, suppressed, plan);

        Assert.Equal(new ImportCounts(0, 2, 0, 1, 4), plan.Counts);
        Assert.Equal(["new@example.com"], plan.NewSubscribers.Select(s => s.Key));
        Assert.Equal(["new@example.com", "other@example.com"], plan.NewMemberships.Select(m => m.Key));
        Assert.Empty(plan.Updates);
        Assert.Equal(
            ["unsubscribed from this list; an import does not subscribe them again", "the subscriber is blocklisted", "suppressed: hard bounce", "suppressed: trap (domain spam.test)"],
            plan.Errors.Select(e => e.Reason));
    }

    [Fact]
    public void Upsert_updates_existing_but_keeps_an_unsubscribe()
    {
        var rows = Rows("left@example.com", "other@example.com");
        var existing = new Dictionary<string, ExistingSubscriber>
        {
            ["left@example.com"] = new(3, SubscriberStatus.Enabled, MembershipStatus.Unsubscribed),
            ["other@example.com"] = new(2, SubscriberStatus.Enabled, null),
        };
        var plan = new ImportBatchPlan();
        ImportPlanner.Plan(ImportMode.Upsert, MembershipStatus.Unconfirmed, rows, existing, NoSuppressions, plan);
        Assert.Equal(new ImportCounts(0, 0, 2, 0, 0), plan.Counts);
        Assert.Equal(["left@example.com", "other@example.com"], plan.Updates.Select(u => u.Key));
        Assert.Equal([new MembershipRow("other@example.com", MembershipStatus.Unconfirmed)], plan.NewMemberships);
    }

    [Fact]
    public void Unsubscribe_and_blocklist_touch_only_what_they_should()
    {
        var existing = new Dictionary<string, ExistingSubscriber>
        {
            ["member@example.com"] = new(1, SubscriberStatus.Enabled, MembershipStatus.Unconfirmed),
            ["gone@example.com"] = new(2, SubscriberStatus.Enabled, MembershipStatus.Unsubscribed),
            ["blocked@example.com"] = new(3, SubscriberStatus.Blocklisted, null),
        };
        var rows = Rows("member@example.com", "gone@example.com", "blocked@example.com", "stranger@example.com");

        var unsubscribe = new ImportBatchPlan();
        ImportPlanner.Plan(ImportMode.Unsubscribe, MembershipStatus.Confirmed, rows, existing, NoSuppressions, unsubscribe);
        Assert.Equal(["member@example.com"], unsubscribe.Unsubscribes);
        Assert.Equal(new ImportCounts(0, 0, 1, 3, 0), unsubscribe.Counts);

        var blocklist = new ImportBatchPlan();
        ImportPlanner.Plan(ImportMode.Blocklist, MembershipStatus.Confirmed, rows, existing, NoSuppressions, blocklist);
        Assert.Equal(["member@example.com", "gone@example.com"], blocklist.Blocklists);
        Assert.Equal(SubscriberStatus.Blocklisted, blocklist.NewSubscribers.Single().Status);
        Assert.Equal(MembershipStatus.Unsubscribed, blocklist.NewMemberships.Single().Status);
        Assert.Equal(new ImportCounts(0, 1, 2, 1, 0), blocklist.Counts);
    }

    private static List<ImportCandidate> Rows(params string[] emails) =>
        emails.Select((e, i) =>
        {
            Assert.True(EmailAddress.TryNormalize(e, out var email, out _));
            return new ImportCandidate(i + 2, email, "", "{}");
        }).ToList();
}
