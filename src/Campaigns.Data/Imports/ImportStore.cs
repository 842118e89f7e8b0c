using System.Data.Common;
using System.Runtime.CompilerServices;
using Campaigns.Core.Import;
using Campaigns.Data.Infrastructure;
using Campaigns.Data.Lists;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Campaigns.Data.Imports;

public sealed class ImportStore(Database db) : IImportStore
{
    /// <summary>A running import whose process has not written for this long is taken as dead (it crashed or was killed).</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    private const string Columns =
        "id, list_id, file_name, mode, status, rows_read, added, updated, unchanged, skipped, bytes_read, bytes_total, message, started_at, finished_at";

    public async Task<long> BeginAsync(ImportStart start, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE imports SET status = 'failed', finished_at = @now,
                   message = 'Abandoned: the process running it stopped before finishing. Batches written before that point stay.'
            WHERE list_id = @listId AND status = 'running' AND heartbeat_at < @staleBefore
            """,
            new { listId = start.ListId, now = start.StartedAt, staleBefore = start.StartedAt - AbandonedAfter }, cancellationToken: cancellationToken));
        var sql = db.Pick(
            """
            INSERT INTO imports (list_id, file_name, mode, status, bytes_total, started_at, heartbeat_at)
            VALUES (@listId, @fileName, @mode, 'running', @bytesTotal, @now, @now) RETURNING id
            """,
            """
            INSERT INTO imports (list_id, file_name, mode, status, bytes_total, started_at, heartbeat_at)
            OUTPUT INSERTED.id VALUES (@listId, @fileName, @mode, 'running', @bytesTotal, @now, @now)
            """);
        try
        {
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, new
            {
                listId = start.ListId,
                fileName = start.FileName.Length > 400 ? start.FileName[..400] : start.FileName,
                mode = start.Mode.ToDb(),
                bytesTotal = start.BytesTotal,
                now = start.StartedAt,
            }, cancellationToken: cancellationToken));
        }
        catch (DbException e) when (ListStore.IsUniqueViolation(e))
        {
            var running = await connection.ExecuteScalarAsync<long>(
                "SELECT id FROM imports WHERE list_id = @listId AND status = 'running'", new { listId = start.ListId });
            throw new ImportAlreadyRunningException(start.ListId, running);
        }
    }

    public async Task<IImportBatch> BeginBatchAsync(long importId, long listId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var connection = await db.OpenAsync(cancellationToken);
        try
        {
            // SQLite: BEGIN IMMEDIATE takes the write lock up front, so the batch never fails half-way on a busy database.
            var tx = connection is SqliteConnection sqlite
                ? sqlite.BeginTransaction(deferred: false)
                : await connection.BeginTransactionAsync(cancellationToken);
            return new ImportBatch(connection, tx, db.Pick(ImportSql.Sqlite, ImportSql.SqlServer), importId, listId, now);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task FinishAsync(long importId, ImportStatus status, ImportCounts counts, long bytesRead, string message, DateTimeOffset finishedAt,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE imports SET status = @status, rows_read = @rowsRead, added = @added, updated = @updated, unchanged = @unchanged,
                   skipped = @skipped, bytes_read = @bytesRead, message = @message, finished_at = @finishedAt, heartbeat_at = @finishedAt
            WHERE id = @importId
            """,
            new
            {
                importId,
                status = status.ToDb(),
                rowsRead = counts.RowsRead,
                added = counts.Added,
                updated = counts.Updated,
                unchanged = counts.Unchanged,
                skipped = counts.Skipped,
                bytesRead,
                message = message.Length > 2000 ? message[..2000] : message,
                finishedAt,
            }, cancellationToken: cancellationToken));
    }

    public async Task<ImportSummary?> GetAsync(long importId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryListAsync($"SELECT {Columns} FROM imports WHERE id = @importId", new { importId }, Map, cancellationToken: cancellationToken);
        return rows.FirstOrDefault();
    }

    public async Task<IReadOnlyList<ImportSummary>> ListAsync(long? listId = null, int limit = 50, CancellationToken cancellationToken = default)
    {
        var sql = db.Pick(
            $"SELECT {Columns} FROM imports WHERE @listId IS NULL OR list_id = @listId ORDER BY id DESC LIMIT @limit",
            $"SELECT TOP (@limit) {Columns} FROM imports WHERE @listId IS NULL OR list_id = @listId ORDER BY id DESC");
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QueryListAsync(sql, new { listId, limit = Math.Clamp(limit, 1, 1000) }, Map, cancellationToken: cancellationToken);
    }

    public async IAsyncEnumerable<ImportRowError> ReadErrorsAsync(long importId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await foreach (var e in connection.QueryStreamAsync(
            "SELECT line, email, reason FROM import_errors WHERE import_id = @importId ORDER BY line", new { importId },
            r => new ImportRowError(r.GetInt64("line"), r.GetText("email"), r.GetText("reason")), cancellationToken))
        {
            yield return e;
        }
    }

    private static ImportSummary Map(DbDataReader r) => new(
        r.GetInt64("id"),
        r.GetInt64("list_id"),
        r.GetText("file_name"),
        r.GetEnum<ImportMode>("mode"),
        r.GetEnum<ImportStatus>("status"),
        new ImportCounts(r.GetInt64("rows_read"), r.GetInt64("added"), r.GetInt64("updated"), r.GetInt64("unchanged"), r.GetInt64("skipped")),
        r.GetInt64("bytes_read"),
        r.GetInt64("bytes_total"),
        r.GetText("message"),
        r.GetTime("started_at"),
        r.GetTimeOrNull("finished_at"));
}
