namespace Campaigns.Core.Import;

/// <summary>
/// Everything one batch writes, decided in memory and applied by the store in one transaction,
/// so a batch is either all there or not at all.
/// </summary>
public sealed class ImportBatchPlan
{
    public List<NewSubscriberRow> NewSubscribers { get; } = [];

    public List<SubscriberUpdateRow> Updates { get; } = [];

    /// <summary>Memberships to create in the import's list (existing ones are left as they are).</summary>
    public List<MembershipRow> NewMemberships { get; } = [];

    /// <summary>Keys whose membership in the import's list becomes unsubscribed.</summary>
    public List<string> Unsubscribes { get; } = [];

    /// <summary>Keys of existing subscribers to blocklist and unsubscribe from every list.</summary>
    public List<string> Blocklists { get; } = [];

    public List<ImportRowError> Errors { get; } = [];

    public ImportCounts Counts { get; set; } = ImportCounts.Zero;

    public bool IsEmpty => NewSubscribers.Count == 0 && Updates.Count == 0 && NewMemberships.Count == 0
        && Unsubscribes.Count == 0 && Blocklists.Count == 0 && Errors.Count == 0;
}
