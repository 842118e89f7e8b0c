using System.Collections.Concurrent;
using Campaigns.Core.Common;
using Campaigns.Core.Import;

namespace Campaigns.Web.Imports;

/// <summary>
/// Runs imports started from the browser off the Blazor circuit: the upload is spooled to a file first, so
/// closing the tab neither stops the import nor holds a large file in memory; stopping the app cancels it cleanly
/// (the batch in progress is rolled back, as with the CLI).
/// </summary>
public sealed class ImportJobRunner(CsvImporter importer, IHostApplicationLifetime lifetime, ILogger<ImportJobRunner> logger)
{
    private readonly ConcurrentDictionary<Guid, ImportJob> _jobs = new();

    public ImportJob? Get(Guid id) => _jobs.GetValueOrDefault(id);

    /// <summary>Starts importing <paramref name="path"/>, which the runner deletes when done.</summary>
    public ImportJob Start(string path, ImportOptions options)
    {
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        var job = new ImportJob(Guid.NewGuid(), options.ListId, options.FileName, cancellation);
        _jobs[job.Id] = job;
        _ = Task.Run(async () =>
        {
            try
            {
                await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
                job.Report = await importer.ImportAsync(file, options, job, cancellation.Token);
            }
            catch (Exception e) when (e is ImportFormatException or ValidationException or NotFoundException or ImportAlreadyRunningException)
            {
                job.Error = e.Message;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Import of {File} into list {ListId} failed", options.FileName, options.ListId);
                job.Error = "The import failed: " + e.Message;
            }
            finally
            {
                cancellation.Dispose();
                File.Delete(path);
                Forget(job.Id);
            }
        });
        return job;
    }

    // Finished jobs stay readable for an hour, for a page that reconnects, then go.
    private void Forget(Guid id) => _ = Task.Delay(TimeSpan.FromHours(1)).ContinueWith(_ => _jobs.TryRemove(id, out ImportJob? _), TaskScheduler.Default);
}
