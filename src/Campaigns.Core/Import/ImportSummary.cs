namespace Campaigns.Core.Import;

/// <summary>An import as the database records it: what a progress bar or the import history shows.</summary>
public sealed record ImportSummary(
    long Id,
    long ListId,
    string FileName,
    ImportMode Mode,
    ImportStatus Status,
    ImportCounts Counts,
    long BytesRead,
    long BytesTotal,
    string Message,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt);
