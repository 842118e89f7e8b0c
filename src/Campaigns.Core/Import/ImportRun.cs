using Campaigns.Core.Subscribers;

namespace Campaigns.Core.Import;

/// <summary>The state of one import while it runs.</summary>
internal sealed class ImportRun(long importId, long listId, ImportOptions options, MembershipStatus membershipStatus, long bytesTotal, IProgress<ImportProgress>? progress)
{
    public long ImportId { get; } = importId;

    public long ListId { get; } = listId;

    public ImportOptions Options { get; } = options;

    public MembershipStatus MembershipStatus { get; } = membershipStatus;

    public long BytesTotal { get; } = bytesTotal;

    public IProgress<ImportProgress>? Progress { get; } = progress;

    public ImportCounts Totals { get; set; } = ImportCounts.Zero;

    public long BytesRead { get; set; }

    public List<ImportRowError> Details { get; } = [];

    public List<string> Warnings { get; } = [];
}
