namespace Campaigns.Core.Import;

/// <summary>
/// Running totals. Every data row read lands in exactly one of Added, Updated, Unchanged or Skipped;
/// skipped rows are the ones with a reason in the report.
/// </summary>
public sealed record ImportCounts(long RowsRead, long Added, long Updated, long Unchanged, long Skipped)
{
    public static readonly ImportCounts Zero = new(0, 0, 0, 0, 0);

    public ImportCounts Plus(ImportCounts other) => new(
        RowsRead + other.RowsRead,
        Added + other.Added,
        Updated + other.Updated,
        Unchanged + other.Unchanged,
        Skipped + other.Skipped);
}
