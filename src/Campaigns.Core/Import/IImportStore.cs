namespace Campaigns.Core.Import;

public interface IImportStore
{
    /// <summary>Records a running import. Throws <see cref="ImportAlreadyRunningException"/> when the list has one.</summary>
    Task<long> BeginAsync(ImportStart start, CancellationToken cancellationToken = default);

    Task<IImportBatch> BeginBatchAsync(long importId, long listId, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task FinishAsync(long importId, ImportStatus status, ImportCounts counts, long bytesRead, string message, DateTimeOffset finishedAt,
        CancellationToken cancellationToken = default);

    Task<ImportSummary?> GetAsync(long importId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ImportSummary>> ListAsync(long? listId = null, int limit = 50, CancellationToken cancellationToken = default);

    /// <summary>Every bad row of an import, in file order, streamed.</summary>
    IAsyncEnumerable<ImportRowError> ReadErrorsAsync(long importId, CancellationToken cancellationToken = default);
}
