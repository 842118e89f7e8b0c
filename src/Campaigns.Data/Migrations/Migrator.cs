using System.Data.Common;
using Campaigns.Data.Infrastructure;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Campaigns.Data.Migrations;

/// <summary>
/// Brings the database to the newest script version. Each script runs in its own transaction together with
/// its row in schema_versions, so a failing script leaves the database exactly at the previous version.
/// Safe to run from several processes at once: the write lock (SQLite) or an app lock (SQL Server) serializes them.
/// </summary>
public sealed class Migrator(Database database, ILogger<Migrator>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<Migrator>.Instance;

    /// <summary>The scripts to apply; the embedded db/ scripts unless a test sets others.</summary>
    public IReadOnlyList<MigrationScript> Scripts { get; init; } = ScriptLibrary.For(database.Provider);

    /// <returns>The scripts applied by this call.</returns>
    public async Task<IReadOnlyList<MigrationScript>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (!database.IsSqlite)
        {
            await EnsureSqlServerDatabaseAsync(cancellationToken);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        if (database.IsSqlite)
        {
            // WAL lets readers (the UI, reports) run while an import or a send writes.
            await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
        }

        await EnsureVersionTableAsync(connection, cancellationToken);
        var applied = new List<MigrationScript>();
        foreach (var script in Scripts)
        {
            if (await ApplyAsync(connection, script, cancellationToken))
            {
                applied.Add(script);
            }
        }

        return applied;
    }

    /// <summary>
    /// A fresh SQL Server (a new container, a new instance) has no database yet: it is created, empty, so the
    /// scripts can run. The login needs CREATE DATABASE for that first start only.
    /// </summary>
    private async Task EnsureSqlServerDatabaseAsync(CancellationToken cancellationToken)
    {
        var builder = new SqlConnectionStringBuilder(database.Options.ConnectionString);
        var name = builder.InitialCatalog;
        if (string.IsNullOrEmpty(name) || name.Equals("master", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        builder.InitialCatalog = "master";
        await using var master = new SqlConnection(builder.ConnectionString);
        await master.OpenAsync(cancellationToken);
        var created = await master.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            IF DB_ID(@name) IS NULL
            BEGIN
                DECLARE @sql NVARCHAR(400) = N'CREATE DATABASE ' + QUOTENAME(@name);
                EXEC sp_executesql @sql;
                SELECT 1;
            END
            ELSE SELECT 0;
            """, new { name }, cancellationToken: cancellationToken));
        if (created == 1)
        {
            _logger.LogInformation("Created the SQL Server database {Database}", name);
        }
    }

    public async Task<IReadOnlyList<AppliedMigration>> AppliedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await EnsureVersionTableAsync(connection, cancellationToken);
        return await connection.QueryListAsync(
            "SELECT version, name, applied_at FROM schema_versions ORDER BY version", null,
            r => new AppliedMigration((int)r.GetInt64("version"), r.GetText("name"), r.GetTime("applied_at")), cancellationToken: cancellationToken);
    }

    private async Task<bool> ApplyAsync(DbConnection connection, MigrationScript script, CancellationToken cancellationToken)
    {
        await using var tx = database.IsSqlite
            ? ((SqliteConnection)connection).BeginTransaction(deferred: false) // BEGIN IMMEDIATE: take the write lock now
            : await connection.BeginTransactionAsync(cancellationToken);
        if (!database.IsSqlite)
        {
            await connection.ExecuteAsync(
                "EXEC sp_getapplock @Resource = 'campaigns-migrate', @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 120000;",
                transaction: tx);
        }

        var done = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM schema_versions WHERE version = @version", new { version = script.Version }, tx);
        if (done > 0)
        {
            return false;
        }

        var statements = database.IsSqlite ? ScriptSplitter.SplitSqlite(script.Text) : ScriptSplitter.SplitSqlServer(script.Text);
        foreach (var (line, sql) in statements)
        {
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(sql, transaction: tx, commandTimeout: 0, cancellationToken: cancellationToken));
            }
            catch (DbException e)
            {
                var errorLine = e is SqlException sqlException && sqlException.LineNumber > 0 ? line + sqlException.LineNumber - 1 : line;
                await tx.RollbackAsync(CancellationToken.None);
                _logger.LogError(e, "Migration {Script} failed at line {Line}", script.Name, errorLine);
                throw new MigrationException(script.Name, errorLine, e.Message, e);
            }
        }

        await connection.ExecuteAsync(
            "INSERT INTO schema_versions (version, name, applied_at) VALUES (@version, @name, @now)",
            new { version = script.Version, name = script.Name, now = DateTimeOffset.UtcNow }, tx);
        await tx.CommitAsync(cancellationToken);
        _logger.LogInformation("Applied migration {Script}", script.Name);
        return true;
    }

    private async Task EnsureVersionTableAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var sql = database.Pick(
            "CREATE TABLE IF NOT EXISTS schema_versions (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);",
            """
            IF OBJECT_ID(N'dbo.schema_versions', N'U') IS NULL
            BEGIN TRY
                CREATE TABLE dbo.schema_versions (version INT NOT NULL PRIMARY KEY, name NVARCHAR(400) NOT NULL, applied_at DATETIMEOFFSET NOT NULL);
            END TRY
            BEGIN CATCH
                IF ERROR_NUMBER() <> 2714 THROW; -- another process created it first
            END CATCH
            """);
        await connection.ExecuteAsync(new CommandDefinition(sql, cancellationToken: cancellationToken));
    }
}
