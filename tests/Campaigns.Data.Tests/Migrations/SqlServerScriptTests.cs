using System.Reflection;
using Campaigns.Data.Infrastructure;
using Campaigns.Data.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Campaigns.Data.Tests.Migrations;

/// <summary>SQL Server cannot run here, so every T-SQL text the product holds is at least parsed by Microsoft's own parser.</summary>
public sealed class SqlServerScriptTests
{
    public static TheoryData<string> Scripts => new(ScriptLibrary.For(DatabaseProvider.SqlServer).Select(s => s.Name));

    [Fact]
    public void There_are_scripts_for_both_dialects_with_the_same_versions() =>
        Assert.Equal(
            ScriptLibrary.For(DatabaseProvider.Sqlite).Select(s => s.Version),
            ScriptLibrary.For(DatabaseProvider.SqlServer).Select(s => s.Version));

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Every_migration_script_parses(string name)
    {
        var script = ScriptLibrary.For(DatabaseProvider.SqlServer).Single(s => s.Name == name);
        AssertParses(script.Text, name);
    }

    [Fact]
    public void Every_sql_server_query_in_the_stores_parses()
    {
        var queries = typeof(Database).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .Where(f => f.Name == "SqlServer" && f.FieldType.Name.EndsWith("Sql", StringComparison.Ordinal))
            .SelectMany(f => f.FieldType.GetProperties().Where(p => p.PropertyType == typeof(string)).Select(p => (Name: $"{f.DeclaringType!.Name}.{p.Name}", Sql: (string)p.GetValue(f.GetValue(null))!)))
            .ToList();
        Assert.NotEmpty(queries);
        foreach (var (name, sql) in queries)
        {
            AssertParses(sql, name);
        }
    }

    [Fact]
    public void The_parser_does_catch_a_broken_script() =>
        Assert.ThrowsAny<Exception>(() => AssertParses("CREATE TABLE dbo.x (id INT NOT NULL,, name NVARCHAR(10));", "broken"));

    private static void AssertParses(string sql, string name)
    {
        var parser = new TSql170Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        Assert.True(errors.Count == 0, $"{name}: " + string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}")));
    }
}
