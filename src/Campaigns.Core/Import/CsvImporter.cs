using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Campaigns.Core.Common;
using Campaigns.Core.Lists;
using Campaigns.Core.Subscribers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Campaigns.Core.Import;

/// <summary>
/// Streams a subscriber CSV into a list: rows are checked, deduplicated and written in batches, each batch in
/// one transaction, so memory stays flat whatever the file's size and a failure or cancel never leaves a
/// half-written batch. Every row ends up added, updated, unchanged or skipped with a reason.
/// </summary>
public sealed class CsvImporter(IImportStore store, IListStore lists, IClock clock, ILogger<CsvImporter>? logger = null)
{
    private static readonly Meter Meter = new("Campaigns.Import");
    private static readonly Counter<long> Rows = Meter.CreateCounter<long>("rows", "{row}", "Imported rows by outcome (added, updated, unchanged, skipped)");

    private readonly ILogger _logger = logger ?? NullLogger<CsvImporter>.Instance;

    /// <summary>Imports <paramref name="input"/>; a non-seekable stream is first spooled to a temporary file.</summary>
    public async Task<ImportReport> ImportAsync(
        Stream input, ImportOptions options, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!input.CanSeek)
        {
            await using var spooled = await SpoolAsync(input, cancellationToken);
            return await ImportAsync(spooled, options, progress, cancellationToken);
        }

        var list = await lists.GetAsync(options.ListId, cancellationToken)
            ?? throw new NotFoundException($"List {options.ListId} does not exist.");
        var membershipStatus = options.NewMembershipStatus
            ?? (list.OptIn == OptInKind.Double ? MembershipStatus.Unconfirmed : MembershipStatus.Confirmed);
        var bytesTotal = input.Length - input.Position;
        var importId = await store.BeginAsync(
            new ImportStart(list.Id, options.FileName, options.Mode, bytesTotal, clock.UtcNow), cancellationToken);
        var run = new ImportRun(importId, list.Id, options, membershipStatus, bytesTotal, progress);
        _logger.LogInformation("Import {ImportId} into list {ListId} started ({Bytes} bytes, mode {Mode})", importId, list.Id, bytesTotal, options.Mode);

        var status = ImportStatus.Completed;
        var message = "";
        try
        {
            await ReadAndWriteAsync(input, run, cancellationToken);
        }
        catch (ImportFormatException e)
        {
            status = ImportStatus.Failed;
            message = e.Message;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            status = ImportStatus.Cancelled;
            message = $"Cancelled after {run.Totals.RowsRead:N0} rows; every batch written before stays, nothing of the batch in progress was written.";
        }
        catch (Exception e)
        {
            // Recorded so the import does not stay "running"; the caller still sees the exception.
            await FinishAsync(run, ImportStatus.Failed, $"Failed: {e.Message}");
            _logger.LogError(e, "Import {ImportId} failed", importId);
            throw;
        }

        var summary = await FinishAsync(run, status, message);
        _logger.LogInformation("Import {ImportId} {Status}: {Counts}", importId, status, run.Totals);
        return new ImportReport(summary, run.Details, run.Warnings);
    }

    /// <summary>
    /// Two stages on two cores: this one writes batches while a reader task parses and checks the next ones. At most two
    /// parsed batches wait, so memory stays flat; a bad file ends the import after the batches before the bad row.
    /// </summary>
    private async Task ReadAndWriteAsync(Stream input, ImportRun run, CancellationToken cancellationToken)
    {
        var (encoding, bom) = await CsvEncodingSniffer.DetectAsync(input, cancellationToken);
        if (encoding.CodePage == 1252)
        {
            run.Warnings.Add("The file is not valid UTF-8; it was read as Windows-1252 (Western European).");
        }

        input.Position += bom;
        var counting = new CountingStream(input);
        using var text = new StreamReader(counting, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        using var csv = new CsvRowReader(text, run.Options.Delimiter);
        if (!csv.Read(cancellationToken))
        {
            throw new ImportFormatException("The file is empty.");
        }

        using var rowBuilder = new ImportRowBuilder(HeaderMapper.Map(csv.CurrentRecord(), run.Options.Columns));
        var parsed = Channel.CreateBounded<ParsedBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Task.Run(() => ReadBatchesAsync(csv, rowBuilder, counting, bom, run.Options.BatchSize, parsed.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var batch in parsed.Reader.ReadAllAsync(cancellationToken))
            {
                await WriteBatchAsync(run, batch.Candidates, batch.Plan, batch.BytesRead, cancellationToken);
            }
        }
        finally
        {
            // The reader stops when writing failed or was cancelled; its own failure (a bad file) came through the channel.
            await stop.CancelAsync();
            await reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (run.Totals.RowsRead == 0)
        {
            run.Warnings.Add("The file has a header but no rows.");
        }
    }

    private static async Task ReadBatchesAsync(
        CsvRowReader csv, ImportRowBuilder rowBuilder, CountingStream counting, int bom, int batchSize, ChannelWriter<ParsedBatch> output,
        CancellationToken cancellationToken)
    {
        try
        {
            var batch = new List<ImportCandidate>(batchSize);
            var plan = new ImportBatchPlan();
            var seen = new DuplicateTracker();
            while (csv.Read(cancellationToken))
            {
                plan.Counts = plan.Counts with { RowsRead = plan.Counts.RowsRead + 1 };
                var row = rowBuilder.Build(csv, seen, out var error);
                if (row is null)
                {
                    plan.Errors.Add(error!);
                    plan.Counts = plan.Counts with { Skipped = plan.Counts.Skipped + 1 };
                }
                else
                {
                    batch.Add(row);
                }

                if (batch.Count + plan.Errors.Count >= batchSize)
                {
                    await output.WriteAsync(new ParsedBatch(batch, plan, counting.BytesRead + bom), cancellationToken);
                    batch = new List<ImportCandidate>(batchSize);
                    plan = new ImportBatchPlan();
                }
            }

            await output.WriteAsync(new ParsedBatch(batch, plan, counting.BytesRead + bom), cancellationToken);
            output.Complete();
        }
        catch (Exception e)
        {
            output.Complete(e);
        }
    }

    private async Task WriteBatchAsync(ImportRun run, List<ImportCandidate> candidates, ImportBatchPlan plan, long bytesRead, CancellationToken cancellationToken)
    {
        if (candidates.Count == 0 && plan.IsEmpty && plan.Counts.RowsRead == 0)
        {
            return;
        }

        await using (var tx = await store.BeginBatchAsync(run.ImportId, run.ListId, clock.UtcNow, cancellationToken))
        {
            if (candidates.Count > 0)
            {
                var keys = candidates.Select(c => c.Email.Key).ToArray();
                var existing = await tx.FindExistingAsync(keys, cancellationToken);
                var suppressed = run.Options.Mode is ImportMode.Add or ImportMode.Upsert
                    ? await tx.FindSuppressedAsync(keys, DomainsOf(candidates), cancellationToken)
                    : new Dictionary<string, string>();
                ImportPlanner.Plan(run.Options.Mode, run.MembershipStatus, candidates, existing, suppressed, plan);
            }

            plan.Errors.Sort((a, b) => a.Line.CompareTo(b.Line));
            var totals = run.Totals.Plus(plan.Counts);
            await tx.ApplyAsync(plan, totals, bytesRead, cancellationToken);
            await tx.CommitAsync(cancellationToken);
            run.Totals = totals;
            Rows.Add(plan.Counts.Added, new KeyValuePair<string, object?>("outcome", "added"));
            Rows.Add(plan.Counts.Updated, new KeyValuePair<string, object?>("outcome", "updated"));
            Rows.Add(plan.Counts.Unchanged, new KeyValuePair<string, object?>("outcome", "unchanged"));
            Rows.Add(plan.Counts.Skipped, new KeyValuePair<string, object?>("outcome", "skipped"));
        }

        run.BytesRead = bytesRead;
        foreach (var error in plan.Errors)
        {
            if (run.Details.Count >= run.Options.MaxDetails)
            {
                break;
            }

            run.Details.Add(error);
        }

        run.Progress?.Report(new ImportProgress(run.Totals.RowsRead, bytesRead, run.BytesTotal));
    }

    private async Task<ImportSummary> FinishAsync(ImportRun run, ImportStatus status, string message)
    {
        // CancellationToken.None: the outcome must be recorded even when the import itself was cancelled.
        await store.FinishAsync(run.ImportId, status, run.Totals, run.BytesRead, message, clock.UtcNow, CancellationToken.None);
        return await store.GetAsync(run.ImportId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Import {run.ImportId} vanished.");
    }

    private static HashSet<string> DomainsOf(List<ImportCandidate> candidates)
    {
        var domains = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in candidates)
        {
            foreach (var d in Suppressions.SuppressionTarget.DomainCandidates(c.Email.Domain))
            {
                domains.Add(d);
            }
        }

        return domains;
    }

    private static async Task<FileStream> SpoolAsync(Stream input, CancellationToken cancellationToken)
    {
        var path = Path.GetTempFileName();
        var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await input.CopyToAsync(file, cancellationToken);
        file.Position = 0;
        return file;
    }
}
