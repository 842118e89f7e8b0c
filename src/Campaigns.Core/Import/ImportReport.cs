namespace Campaigns.Core.Import;

/// <param name="Details">The first bad rows (up to the options' MaxDetails); all are kept in the database.</param>
/// <param name="Warnings">Things worth knowing that did not stop the import (a guessed encoding, a truncated last line).</param>
public sealed record ImportReport(ImportSummary Summary, IReadOnlyList<ImportRowError> Details, IReadOnlyList<string> Warnings)
{
    public bool Succeeded => Summary.Status == ImportStatus.Completed;
}
