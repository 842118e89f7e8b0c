using System.Text;
using System.Text.RegularExpressions;

namespace Campaigns.Data.Migrations;

/// <summary>
/// Cuts a script into statements, each with the line it starts on, so a failure can name its line.
/// SQLite scripts split at semicolons outside quotes, comments and trigger bodies; SQL Server scripts at GO lines.
/// </summary>
public static partial class ScriptSplitter
{
    public static IReadOnlyList<(int Line, string Sql)> SplitSqlServer(string script)
    {
        var result = new List<(int, string)>();
        var lines = script.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var batch = new StringBuilder();
        var start = 1;
        for (var i = 0; i < lines.Length; i++)
        {
            if (GoLine().IsMatch(lines[i]))
            {
                Add(result, start, batch);
                start = i + 2;
                continue;
            }

            batch.Append(lines[i]).Append('\n');
        }

        Add(result, start, batch);
        return result;
    }

    public static IReadOnlyList<(int Line, string Sql)> SplitSqlite(string script)
    {
        var text = script.Replace("\r\n", "\n", StringComparison.Ordinal);
        var result = new List<(int, string)>();
        var start = 0;
        var line = 1;
        var startLine = 1;
        var depth = 0; // BEGIN ... END nesting inside CREATE TRIGGER
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
            }
            else if (c is '\'' or '"' or '`' or '[')
            {
                var close = c == '[' ? ']' : c;
                var end = text.IndexOf(close, i + 1);
                end = end < 0 ? text.Length - 1 : end;
                line += text.AsSpan(i, end - i + 1).Count('\n');
                i = end;
            }
            else if (c == '-' && i + 1 < text.Length && text[i + 1] == '-')
            {
                var end = text.IndexOf('\n', i);
                i = (end < 0 ? text.Length : end) - 1;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? text.Length - 1 : end + 1;
                line += text.AsSpan(i, end - i + 1).Count('\n');
                i = end;
            }
            else if (char.IsLetter(c) && (i == 0 || !IsWordChar(text[i - 1])))
            {
                var end = i;
                while (end < text.Length && IsWordChar(text[end]))
                {
                    end++;
                }

                var word = text.AsSpan(i, end - i);
                if (word.Equals("BEGIN", StringComparison.OrdinalIgnoreCase) && IsTrigger(text.AsSpan(start, i - start)))
                {
                    depth++;
                }
                else if (word.Equals("END", StringComparison.OrdinalIgnoreCase) && depth > 0)
                {
                    depth--;
                }

                i = end - 1;
            }
            else if (c == ';' && depth == 0)
            {
                Add(result, startLine + LeadingLines(text, start, i), new StringBuilder(text[start..(i + 1)]));
                start = i + 1;
                startLine = line;
            }
        }

        Add(result, startLine + LeadingLines(text, start, text.Length), new StringBuilder(text[start..]));
        return result;
    }

    private static bool IsTrigger(ReadOnlySpan<char> statement) =>
        TriggerStart().IsMatch(statement.ToString());

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    // Lines of blank space and comments before the statement's first token.
    private static int LeadingLines(string text, int from, int to)
    {
        var n = 0;
        var i = from;
        while (i < to)
        {
            if (text[i] == '\n')
            {
                n++;
                i++;
            }
            else if (char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            else if (text[i] == '-' && i + 1 < to && text[i + 1] == '-')
            {
                var end = text.IndexOf('\n', i);
                i = end < 0 ? to : end;
            }
            else if (text[i] == '/' && i + 1 < to && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? to : end + 2;
                n += text.AsSpan(i, end - i).Count('\n');
                i = end;
            }
            else
            {
                break;
            }
        }

        return n;
    }

    private static void Add(List<(int, string)> result, int line, StringBuilder sql)
    {
        var text = sql.ToString();
        if (StripComments().Replace(text, "").Trim().Trim(';').Trim().Length > 0)
        {
            result.Add((line, text));
        }
    }

    [GeneratedRegex(@"^\s*GO\s*(--.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex GoLine();

    [GeneratedRegex(@"^\s*(--[^\n]*\n\s*)*CREATE\s+(TEMP\s+|TEMPORARY\s+)?TRIGGER\b", RegexOptions.IgnoreCase)]
    private static partial Regex TriggerStart();

    [GeneratedRegex(@"--[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex StripComments();
}
