namespace Campaigns.Core.Import;

/// <summary>Another import into the same list is still running; two at once would race on the same members.</summary>
public sealed class ImportAlreadyRunningException(long listId, long runningImportId)
    : Exception($"An import into this list is already running (import {runningImportId}). Wait for it to finish or cancel it.")
{
    public long ListId { get; } = listId;

    public long RunningImportId { get; } = runningImportId;
}
