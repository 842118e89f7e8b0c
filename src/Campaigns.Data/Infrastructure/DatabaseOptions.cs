using Microsoft.Extensions.Configuration;

namespace Campaigns.Data.Infrastructure;

/// <summary>
/// Where the data lives. SQL Server when <c>ConnectionStrings:Campaigns</c> is set; otherwise a SQLite file
/// in the data folder (<c>Campaigns:DataDirectory</c>, default ~/.local/share/campaigns).
/// </summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public const string ConnectionStringName = "Campaigns";

    /// <summary>
    /// SQLite's page cache per open connection, in KiB (<c>Campaigns:Database:SqliteCacheKb</c>). 8 MB by default, so a
    /// large import keeps the email index in memory; a sender worker, which keeps several connections open and reads
    /// little, sets less.
    /// </summary>
    public int SqliteCacheKb { get; init; } = 8192;

    public static DatabaseOptions Sqlite(string path) => new(DatabaseProvider.Sqlite, SqliteConnectionString(path));

    public static DatabaseOptions FromConfiguration(IConfiguration configuration) =>
        Choose(configuration) with { SqliteCacheKb = configuration.GetValue("Campaigns:Database:SqliteCacheKb", 8192) };

    private static DatabaseOptions Choose(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        var provider = configuration["Campaigns:Database:Provider"];
        if (string.Equals(provider, "sqlite", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(connectionString))
        {
            return new(DatabaseProvider.Sqlite, connectionString);
        }

        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new(DatabaseProvider.SqlServer, connectionString);
        }

        return Sqlite(Path.Combine(DataDirectory(configuration), "campaigns.db"));
    }

    public static string DataDirectory(IConfiguration configuration)
    {
        var configured = configuration["Campaigns:DataDirectory"];
        return string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "campaigns")
            : Path.GetFullPath(configured);
    }

    private static string SqliteConnectionString(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
        {
            DataSource = full,
            Pooling = true,
            DefaultTimeout = 60,
        }.ToString();
    }
}
