using Campaigns.Core.Import;

namespace Campaigns.Web.Imports;

/// <summary>An import running in the background: the page reads its progress and, at the end, its report or error.</summary>
public sealed class ImportJob(Guid id, long listId, string fileName, CancellationTokenSource cancellation) : IProgress<ImportProgress>
{
    public Guid Id { get; } = id;

    public long ListId { get; } = listId;

    public string FileName { get; } = fileName;

    public ImportProgress Progress { get; private set; }

    public ImportReport? Report { get; internal set; }

    public string? Error { get; internal set; }

    public bool IsDone => Report is not null || Error is not null;

    public void Cancel() => cancellation.Cancel();

    void IProgress<ImportProgress>.Report(ImportProgress value) => Progress = value;
}
