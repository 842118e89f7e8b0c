using System.Data.Common;
using Campaigns.Core.Import;
using Campaigns.Core.Subscribers;
using Campaigns.Data.Infrastructure;
using Dapper;

namespace Campaigns.Data.Imports;

/// <summary>One import batch in one transaction, with the statements of the configured dialect.</summary>
internal sealed class ImportBatch(DbConnection connection, DbTransaction transaction, ImportSql sql, long importId, long listId, DateTimeOffset now)
    : IImportBatch
{
    // Ids of the batch's addresses as far as known: read by FindExisting, returned by the insert.
    private readonly Dictionary<string, long> _ids = new(StringComparer.Ordinal);
    private bool _committed;

    public async Task<IReadOnlyDictionary<string, ExistingSubscriber>> FindExistingAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, ExistingSubscriber>(StringComparer.Ordinal);
        await using var reader = await connection.ExecuteReaderAsync(Command(sql.FindExisting, new { keys = BatchJson.Strings(keys), listId }, cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            var membership = reader["membership"] is string m ? Enum.Parse<MembershipStatus>(m, true) : (MembershipStatus?)null;
            var key = reader.GetString(0);
            var id = reader.GetInt64("id");
            result[key] = new ExistingSubscriber(id, reader.GetEnum<SubscriberStatus>("status"), membership);
            _ids[key] = id;
        }

        return result;
    }

    public async Task<IReadOnlyDictionary<string, string>> FindSuppressedAsync(
        IReadOnlyCollection<string> keys, IReadOnlyCollection<string> domains, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var args = new { keys = BatchJson.Strings(keys), domains = BatchJson.Strings(domains) };
        await using var reader = await connection.ExecuteReaderAsync(Command(sql.FindSuppressed, args, cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            result[reader.GetString(0)] = reader.GetString(1);
        }

        return result;
    }

    public async Task ApplyAsync(ImportBatchPlan plan, ImportCounts totals, long bytesRead, CancellationToken cancellationToken)
    {
        if (plan.NewSubscribers.Count > 0)
        {
            var rows = BatchJson.Rows(plan.NewSubscribers, (w, r) =>
            {
                w.WriteStringValue(r.Email);
                w.WriteStringValue(r.Key);
                w.WriteStringValue(r.Name);
                w.WriteRawValue(r.AttributesJson, skipInputValidation: true);
                w.WriteStringValue(r.Status.ToDb());
            });
            await ReadIdsAsync(sql.InsertSubscribers, new { rows, now }, cancellationToken);
        }

        if (plan.Updates.Count > 0)
        {
            var rows = BatchJson.Rows(plan.Updates, (w, r) =>
            {
                w.WriteStringValue(r.Key);
                w.WriteStringValue(r.Name);
                w.WriteRawValue(r.AttributesJson, skipInputValidation: true);
            });
            await ExecuteAsync(sql.UpdateSubscribers, new { rows, now }, cancellationToken);
        }

        if (plan.NewMemberships.Count > 0)
        {
            // An address another writer inserted since FindExisting has no id yet: look those up.
            var missing = plan.NewMemberships.Where(m => !_ids.ContainsKey(m.Key)).Select(m => m.Key).ToList();
            if (missing.Count > 0)
            {
                await ReadIdsAsync(sql.FindIds, new { keys = BatchJson.Strings(missing) }, cancellationToken);
            }

            var rows = BatchJson.Rows(plan.NewMemberships.Where(m => _ids.ContainsKey(m.Key)), (w, r) =>
            {
                w.WriteNumberValue(_ids[r.Key]);
                w.WriteStringValue(r.Status.ToDb());
            });
            await ExecuteAsync(sql.InsertMemberships, new { rows, listId, now }, cancellationToken);
        }

        if (plan.Unsubscribes.Count > 0)
        {
            await ExecuteAsync(sql.Unsubscribe, new { keys = BatchJson.Strings(plan.Unsubscribes), listId, now }, cancellationToken);
        }

        if (plan.Blocklists.Count > 0)
        {
            await ExecuteAsync(sql.Blocklist, new { keys = BatchJson.Strings(plan.Blocklists), now }, cancellationToken);
        }

        if (plan.Errors.Count > 0)
        {
            var rows = BatchJson.Rows(plan.Errors, (w, e) =>
            {
                w.WriteNumberValue(e.Line);
                w.WriteStringValue(e.Email);
                w.WriteStringValue(e.Reason);
            });
            await ExecuteAsync(sql.InsertErrors, new { rows, importId }, cancellationToken);
        }

        await ExecuteAsync(sql.Progress, new
        {
            importId,
            rowsRead = totals.RowsRead,
            added = totals.Added,
            updated = totals.Updated,
            unchanged = totals.Unchanged,
            skipped = totals.Skipped,
            bytesRead,
            now,
        }, cancellationToken);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await transaction.CommitAsync(cancellationToken);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_committed)
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }

        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }

    private async Task ReadIdsAsync(string text, object args, CancellationToken cancellationToken)
    {
        await using var reader = await connection.ExecuteReaderAsync(Command(text, args, cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            _ids[reader.GetString(1)] = reader.GetInt64(0);
        }
    }

    private Task ExecuteAsync(string text, object args, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command(text, args, cancellationToken));

    private CommandDefinition Command(string text, object args, CancellationToken cancellationToken) =>
        new(text, args, transaction, commandTimeout: 300, cancellationToken: cancellationToken);
}
