using Campaigns.Core.Subscribers;
using Campaigns.Core.Suppressions;

namespace Campaigns.Core.Import;

/// <summary>
/// Decides what each valid row of a batch does, given what the database holds. An import never re-subscribes
/// someone who unsubscribed, and never adds a blocklisted or suppressed address: consent outranks the file.
/// </summary>
public static class ImportPlanner
{
    public static void Plan(
        ImportMode mode,
        MembershipStatus newMembershipStatus,
        IReadOnlyList<ImportCandidate> candidates,
        IReadOnlyDictionary<string, ExistingSubscriber> existing,
        IReadOnlyDictionary<string, string> suppressed,
        ImportBatchPlan plan)
    {
        long added = 0, updated = 0, unchanged = 0, skipped = 0;
        foreach (var row in candidates)
        {
            existing.TryGetValue(row.Email.Key, out var current);
            var outcome = mode switch
            {
                ImportMode.Add or ImportMode.Upsert => PlanSubscribe(mode, newMembershipStatus, row, current, SuppressionOf(row, suppressed), plan),
                ImportMode.Unsubscribe => PlanUnsubscribe(row, current, plan),
                ImportMode.Blocklist => PlanBlocklist(row, current, plan),
                _ => throw new ArgumentOutOfRangeException(nameof(mode)),
            };
            switch (outcome)
            {
                case Outcome.Added: added++; break;
                case Outcome.Updated: updated++; break;
                case Outcome.Unchanged: unchanged++; break;
                default: skipped++; break;
            }
        }

        plan.Counts = plan.Counts.Plus(new ImportCounts(0, added, updated, unchanged, skipped));
    }

    private static Outcome PlanSubscribe(
        ImportMode mode, MembershipStatus status, ImportCandidate row, ExistingSubscriber? current, string? suppression, ImportBatchPlan plan)
    {
        if (suppression is not null)
        {
            return Skip(plan, row, $"suppressed: {suppression}");
        }

        if (current is null)
        {
            plan.NewSubscribers.Add(new NewSubscriberRow(row.Email.Email, row.Email.Key, row.Name, row.AttributesJson, SubscriberStatus.Enabled));
            plan.NewMemberships.Add(new MembershipRow(row.Email.Key, status));
            return Outcome.Added;
        }

        if (current.Status == SubscriberStatus.Blocklisted)
        {
            return Skip(plan, row, "the subscriber is blocklisted");
        }

        if (mode == ImportMode.Upsert)
        {
            plan.Updates.Add(new SubscriberUpdateRow(row.Email.Key, row.Name, row.AttributesJson));
            if (current.Membership is null)
            {
                plan.NewMemberships.Add(new MembershipRow(row.Email.Key, status));
            }

            return Outcome.Updated;
        }

        switch (current.Membership)
        {
            case null:
                plan.NewMemberships.Add(new MembershipRow(row.Email.Key, status));
                return Outcome.Added;
            case MembershipStatus.Unsubscribed:
                return Skip(plan, row, "unsubscribed from this list; an import does not subscribe them again");
            default:
                return Outcome.Unchanged;
        }
    }

    private static Outcome PlanUnsubscribe(ImportCandidate row, ExistingSubscriber? current, ImportBatchPlan plan)
    {
        if (current?.Membership is MembershipStatus.Confirmed or MembershipStatus.Unconfirmed)
        {
            plan.Unsubscribes.Add(row.Email.Key);
            return Outcome.Updated;
        }

        return Outcome.Unchanged;
    }

    private static Outcome PlanBlocklist(ImportCandidate row, ExistingSubscriber? current, ImportBatchPlan plan)
    {
        if (current is null)
        {
            plan.NewSubscribers.Add(new NewSubscriberRow(row.Email.Email, row.Email.Key, row.Name, row.AttributesJson, SubscriberStatus.Blocklisted));
            plan.NewMemberships.Add(new MembershipRow(row.Email.Key, MembershipStatus.Unsubscribed));
            return Outcome.Added;
        }

        if (current.Status == SubscriberStatus.Blocklisted)
        {
            return Outcome.Unchanged;
        }

        plan.Blocklists.Add(row.Email.Key);
        return Outcome.Updated;
    }

    private static string? SuppressionOf(ImportCandidate row, IReadOnlyDictionary<string, string> suppressed)
    {
        if (suppressed.Count == 0)
        {
            return null;
        }

        if (suppressed.TryGetValue(row.Email.Key, out var reason))
        {
            return reason;
        }

        foreach (var domain in SuppressionTarget.DomainCandidates(row.Email.Domain))
        {
            if (suppressed.TryGetValue(domain, out reason))
            {
                return $"{reason} (domain {domain})";
            }
        }

        return null;
    }

    private static Outcome Skip(ImportBatchPlan plan, ImportCandidate row, string reason)
    {
        plan.Errors.Add(new ImportRowError(row.Line, row.Email.Email, reason));
        return Outcome.Skipped;
    }

    private enum Outcome
    {
        Added,
        Updated,
        Unchanged,
        Skipped,
    }
}
