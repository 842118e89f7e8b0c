namespace Campaigns.Core.Import;

/// <summary>One transaction of an import: read what exists, then write the plan, then commit. Disposing without commit rolls back.</summary>
public interface IImportBatch : IAsyncDisposable
{
    /// <summary>The subscribers that exist for these keys, with their membership in the import's list.</summary>
    Task<IReadOnlyDictionary<string, ExistingSubscriber>> FindExistingAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    /// <summary>The suppressions among these keys and domains: key or domain to reason.</summary>
    Task<IReadOnlyDictionary<string, string>> FindSuppressedAsync(
        IReadOnlyCollection<string> keys, IReadOnlyCollection<string> domains, CancellationToken cancellationToken);

    /// <summary>Writes the plan and the import's running totals and progress.</summary>
    Task ApplyAsync(ImportBatchPlan plan, ImportCounts totals, long bytesRead, CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);
}
