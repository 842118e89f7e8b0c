using Campaigns.Data.Migrations;

namespace Campaigns.Data.Tests.Migrations;

public sealed class ScriptSplitterTests
{
    [Fact]
    public void Splits_sqlite_at_semicolons_outside_strings_comments_and_trigger_bodies()
    {
        const string script = """
            -- header comment; with a semicolon
            CREATE TABLE a (x TEXT DEFAULT ';');

            CREATE TRIGGER t AFTER INSERT ON a BEGIN
                UPDATE a SET x = 'y;z';
                DELETE FROM a WHERE x = '';
            END;
            /* block; comment */
            INSERT INTO a VALUES ('it''s; fine');
            """;
        var statements = ScriptSplitter.SplitSqlite(script);
        Assert.Equal([2, 4, 9], statements.Select(s => s.Line));
        Assert.Contains("END;", statements[1].Sql, StringComparison.Ordinal);
        Assert.Contains("it''s; fine", statements[2].Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Splits_sql_server_at_go_lines()
    {
        var statements = ScriptSplitter.SplitSqlServer("CREATE TABLE a (x INT);\nGO\n\nCREATE INDEX i ON a (x);\n  go  \nSELECT 1 -- GO not alone\n");
        Assert.Equal([1, 3, 6], statements.Select(s => s.Line));
    }
}
