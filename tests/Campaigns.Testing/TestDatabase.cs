using Campaigns.Core.Common;
using Campaigns.Data;
using Campaigns.Data.Infrastructure;
using Campaigns.Data.Migrations;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Testing;

/// <summary>
/// A fresh, migrated database for one test: a SQLite file always, and a throw-away SQL Server database when
/// CAMPAIGNS_TEST_SQLSERVER holds a connection string. Store tests take the provider as a theory parameter,
/// so one test body runs on every configured database.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string SqlServerVariable = "CAMPAIGNS_TEST_SQLSERVER";

    private readonly string? _directory;
    private readonly string? _sqlServerName;
    private readonly string? _sqlServerMaster;

    private TestDatabase(DatabaseOptions options, ServiceProvider services, string? directory, string? sqlServerName, string? sqlServerMaster)
    {
        Options = options;
        Services = services;
        _directory = directory;
        _sqlServerName = sqlServerName;
        _sqlServerMaster = sqlServerMaster;
    }

    public static TheoryData<string> Providers
    {
        get
        {
            var data = new TheoryData<string> { "sqlite" };
            if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(SqlServerVariable)))
            {
                data.Add("sqlserver");
            }

            return data;
        }
    }

    public DatabaseOptions Options { get; }

    public ServiceProvider Services { get; }

    public Database Database => Services.GetRequiredService<Database>();

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public static async Task<TestDatabase> CreateAsync(string provider, IClock? clock = null, bool migrate = true, Action<IServiceCollection>? configure = null)
    {
        string? directory = null, name = null, master = null;
        DatabaseOptions options;
        if (provider == "sqlite")
        {
            directory = Path.Combine(Path.GetTempPath(), "campaigns-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            options = DatabaseOptions.Sqlite(Path.Combine(directory, "campaigns.db"));
        }
        else
        {
            master = Environment.GetEnvironmentVariable(SqlServerVariable)!;
            name = "campaigns_test_" + Guid.NewGuid().ToString("N")[..12];
            await using (var connection = new SqlConnection(master))
            {
                await connection.OpenAsync();
                await using var command = new SqlCommand($"CREATE DATABASE [{name}]", connection);
                await command.ExecuteNonQueryAsync();
            }

            options = new DatabaseOptions(DatabaseProvider.SqlServer, new SqlConnectionStringBuilder(master) { InitialCatalog = name }.ConnectionString);
        }

        var services = new ServiceCollection();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        services.AddCampaignsData(options);
        configure?.Invoke(services);
        var db = new TestDatabase(options, services.BuildServiceProvider(), directory, name, master);
        if (migrate)
        {
            await db.Get<Migrator>().MigrateAsync();
        }

        return db;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow CI machine: the temp folder is cleaned by the OS.
            }
        }

        if (_sqlServerName is not null)
        {
            SqlConnection.ClearAllPools();
            await using var connection = new SqlConnection(_sqlServerMaster);
            await connection.OpenAsync();
            await using var command = new SqlCommand(
                $"ALTER DATABASE [{_sqlServerName}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_sqlServerName}]", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
