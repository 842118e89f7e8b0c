namespace Campaigns.Cli.Tests;

public sealed class CommandTests
{
    [Fact]
    public async Task Migrate_reports_the_version()
    {
        using var cli = new CliRunner();
        var (exit, output, _) = await cli.RunAsync("migrate");
        Assert.Equal(0, exit);
        Assert.Contains("applied db/sqlite/0001_foundation.sql", output, StringComparison.Ordinal);
        var scripts = new Campaigns.Data.Migrations.Migrator(new Campaigns.Data.Infrastructure.Database(Campaigns.Data.Infrastructure.DatabaseOptions.Sqlite(Path.GetTempFileName()))).Scripts.Count;
        Assert.Contains($"database at version {scripts} (0 applied now)", (await cli.RunAsync("migrate")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_can_be_created_shown_and_removed_and_mistakes_exit_non_zero_with_one_line()
    {
        using var cli = new CliRunner();
        Assert.Equal(0, (await cli.RunAsync("lists", "create", "Weekly", "--description", "Weekly news", "--double-optin", "--tag", "news")).Exit);
        var ls = await cli.RunAsync("lists", "ls");
        Assert.Contains("Weekly", ls.Out, StringComparison.Ordinal);
        Assert.Contains("double opt-in, tags: news", ls.Out, StringComparison.Ordinal);

        var duplicate = await cli.RunAsync("lists", "create", "weekly");
        Assert.Equal(1, duplicate.Exit);
        Assert.Equal("campaigns: A list named 'weekly' already exists.", duplicate.Error.Trim());

        var missing = await cli.RunAsync("lists", "rm", "Nope");
        Assert.Equal(1, missing.Exit);
        Assert.Single(missing.Error.Trim().Split('\n'));

        Assert.Equal(0, (await cli.RunAsync("lists", "rm", "WEEKLY")).Exit);
        Assert.Contains("no lists yet", (await cli.RunAsync("lists", "ls")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_export_find_and_the_skipped_rows_download()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("lists", "create", "News");
        var csv = cli.PathFor("in.csv");
        await File.WriteAllTextAsync(csv, "Email Address,First Name,Last Name,plan\nann@example.com,Ann,Lee,pro\nnope,X,Y,free\nbob@example.com,Bob,Stone,=SUM(A1)\n");

        var import = await cli.RunAsync("import", "--list", "News", csv);
        Assert.Equal(0, import.Exit);
        Assert.Contains("rows read 3, added 2, updated 0, unchanged 0, skipped 1", import.Out, StringComparison.Ordinal);
        Assert.Contains("line 3: nope: invalid email: the email has no @", import.Out, StringComparison.Ordinal);

        Assert.Equal("2", (await cli.RunAsync("subscribers", "count", "--list", "News")).Out.Trim());
        var find = await cli.RunAsync("subscribers", "find", "bob");
        Assert.Contains("Bob Stone", find.Out, StringComparison.Ordinal);
        Assert.Contains("News (confirmed)", find.Out, StringComparison.Ordinal);

        var exported = cli.PathFor("out.csv");
        var export = await cli.RunAsync("export", "--list", "News", exported);
        Assert.Equal(0, export.Exit);
        var lines = (await File.ReadAllLinesAsync(exported)).Select(l => l.TrimStart('\uFEFF')).ToArray();
        Assert.Equal("email,name,subscriber_status,list_status,subscribed_at,updated_at,first_name,last_name,plan", lines[0]);
        Assert.EndsWith("\"'=SUM(A1)\"", lines[2], StringComparison.Ordinal);
        Assert.False(File.Exists(exported + ".partial"));

        var errorsFile = cli.PathFor("skipped.csv");
        Assert.Equal(0, (await cli.RunAsync("imports", "errors", "1", "--out", errorsFile)).Exit);
        Assert.Equal(["line,email,reason", "3,nope,invalid email: the email has no @"], await File.ReadAllLinesAsync(errorsFile));
        Assert.Contains("completed", (await cli.RunAsync("imports", "ls")).Out, StringComparison.Ordinal);

        var unsubscribe = cli.PathFor("unsub.csv");
        await File.WriteAllTextAsync(unsubscribe, "email\nann@example.com\n");
        Assert.Contains("updated 1", (await cli.RunAsync("import", "--list", "News", "--mode", "unsubscribe", unsubscribe)).Out, StringComparison.Ordinal);
        Assert.Equal("1", (await cli.RunAsync("subscribers", "count", "--list", "News", "--status", "confirmed")).Out.Trim());
    }

    [Fact]
    public async Task A_broken_file_fails_the_import_with_a_message_and_exit_code()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("lists", "create", "News");
        var csv = cli.PathFor("bad.csv");
        await File.WriteAllTextAsync(csv, "name,city\nAnn,Oslo\n");
        var result = await cli.RunAsync("import", "--list", "News", csv);
        Assert.Equal(1, result.Exit);
        Assert.Contains("import failed: No email column found", result.Error, StringComparison.Ordinal);

        var missing = await cli.RunAsync("import", "--list", "News", cli.PathFor("does-not-exist.csv"));
        Assert.Equal(1, missing.Exit);
        Assert.StartsWith("campaigns: ", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suppressions_are_added_listed_honoured_and_lifted()
    {
        using var cli = new CliRunner();
        await cli.RunAsync("lists", "create", "News");
        Assert.Equal(0, (await cli.RunAsync("suppressions", "add", "@Spam.Test", "--reason", "spam trap")).Exit);
        Assert.Contains("domain   spam.test", (await cli.RunAsync("suppressions", "ls")).Out, StringComparison.Ordinal);

        var csv = cli.PathFor("in.csv");
        await File.WriteAllTextAsync(csv, "email\nx@spam.test\n");
        Assert.Contains("suppressed: spam trap", (await cli.RunAsync("import", "--list", "News", csv)).Out, StringComparison.Ordinal);

        Assert.Equal(0, (await cli.RunAsync("suppressions", "rm", "spam.test")).Exit);
        Assert.Equal(1, (await cli.RunAsync("suppressions", "rm", "spam.test")).Exit);
        Assert.Equal(1, (await cli.RunAsync("suppressions", "add", "not valid")).Exit);
    }
}
