using Campaigns.Data.Infrastructure;
using Campaigns.Data.Migrations;
using Campaigns.Data.Tests.Infrastructure;
using Campaigns.Testing;
using Dapper;

namespace Campaigns.Data.Tests.Migrations;

public sealed class MigratorTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Applies_every_script_once_and_records_it(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, migrate: false);
        var migrator = db.Get<Migrator>();
        var applied = await migrator.MigrateAsync();
        Assert.Equal(migrator.Scripts.Select(s => s.Version), applied.Select(s => s.Version));
        Assert.Empty(await migrator.MigrateAsync());
        Assert.Equal(migrator.Scripts.Select(s => s.Version), (await migrator.AppliedAsync()).Select(a => a.Version));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_processes_migrating_at_once_apply_each_script_once(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, migrate: false);
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => new Migrator(new Database(db.Options)).MigrateAsync())));
        Assert.Equal(db.Get<Migrator>().Scripts.Count, results.Sum(r => r.Count));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_failing_script_leaves_the_previous_version_and_names_its_line(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, migrate: false);
        var good = new MigrationScript(1, "db/test/0001_good.sql", "CREATE TABLE t1 (id INT NOT NULL);");
        var bad = new MigrationScript(2, "db/test/0002_bad.sql", provider == "sqlite"
            ? "CREATE TABLE t2 (id INT NOT NULL);\n\n-- the next statement fails\nINSERT INTO no_such_table VALUES (1);\n"
            : "CREATE TABLE t2 (id INT NOT NULL);\nGO\n\n-- the next statement fails\nINSERT INTO no_such_table VALUES (1);\n");
        var migrator = new Migrator(db.Database) { Scripts = [good, bad] };

        var error = await Assert.ThrowsAsync<MigrationException>(() => migrator.MigrateAsync());
        Assert.Equal("db/test/0002_bad.sql", error.Script);
        Assert.Equal(provider == "sqlite" ? 4 : 5, error.Line);
        Assert.Contains("0002_bad.sql failed at line", error.Message, StringComparison.Ordinal);

        Assert.Equal([1], (await migrator.AppliedAsync()).Select(a => a.Version));
        await using var connection = await db.Database.OpenAsync();
        var t2 = provider == "sqlite"
            ? await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 't2'")
            : await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sys.tables WHERE name = 't2'");
        Assert.Equal(0, t2); // the half of script 2 that ran was rolled back
    }
}
