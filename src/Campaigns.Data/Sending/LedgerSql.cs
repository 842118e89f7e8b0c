using System.Data.Common;
using Campaigns.Data.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Campaigns.Data.Sending;

/// <summary>What the ledger's classes share: write transactions and new batch rows.</summary>
internal static class LedgerSql
{
    public static async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false) // take the write lock up front: no failure half-way on a busy file
            : await connection.BeginTransactionAsync(cancellationToken);

    public static async Task<long> InsertBatchAsync(Database db, DbConnection connection, DbTransaction tx, long campaignId, string domain, int size, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(db.Pick(
                "INSERT INTO send_batches (campaign_id, domain, size, status, created_at, updated_at) VALUES (@campaignId, @domain, @size, 'pending', @now, @now) RETURNING id",
                "INSERT INTO send_batches (campaign_id, domain, size, status, created_at, updated_at) OUTPUT INSERTED.id VALUES (@campaignId, @domain, @size, 'pending', @now, @now)"),
            new { campaignId, domain, size, now }, tx, cancellationToken: cancellationToken));
}
