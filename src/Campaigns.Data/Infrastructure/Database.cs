using System.Data.Common;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Campaigns.Data.Infrastructure;

/// <summary>Opens connections to the configured database, set up the same way every time.</summary>
public sealed class Database
{
    static Database()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    public Database(DatabaseOptions options)
    {
        Options = options;
    }

    public DatabaseOptions Options { get; }

    public DatabaseProvider Provider => Options.Provider;

    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        DbConnection connection = IsSqlite ? new SqliteConnection(Options.ConnectionString) : new SqlConnection(Options.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (IsSqlite)
            {
                // Per connection: enforce foreign keys, wait for writers instead of failing, and fsync at checkpoints
                // only (safe with WAL: a power cut can lose the last commits, never corrupt the file); the page cache
                // size is the configured one (see DatabaseOptions.SqliteCacheKb).
                await connection.ExecuteAsync($"PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 60000; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -{Options.SqliteCacheKb};");
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Chooses the SQL text (or anything else) for the configured dialect.</summary>
    public T Pick<T>(T sqlite, T sqlServer) => IsSqlite ? sqlite : sqlServer;
}
