using System.Buffers;
using System.Text;
using System.Text.Json;
using Campaigns.Core.Subscribers;

namespace Campaigns.Core.Import;

/// <summary>Turns one CSV record into a candidate row, or says why it cannot be taken.</summary>
internal sealed class ImportRowBuilder : IDisposable
{
    public const int MaxFieldChars = 64 * 1024;
    public const int MaxNameChars = 500;
    public const int MaxAttributesBytes = 256 * 1024;

    private readonly IReadOnlyList<ColumnMapping> _columns;
    private readonly int _email;
    private readonly int _name = -1;
    private readonly int _first = -1;
    private readonly int _last = -1;
    private readonly int _attributesJson = -1;
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _json;

    public ImportRowBuilder(IReadOnlyList<ColumnMapping> columns)
    {
        _columns = columns;
        foreach (var c in columns)
        {
            switch (c.Target)
            {
                case ColumnTarget.Email: _email = c.Index; break;
                case ColumnTarget.Name: _name = c.Index; break;
                case ColumnTarget.FirstName: _first = c.Index; break;
                case ColumnTarget.LastName: _last = c.Index; break;
                case ColumnTarget.AttributesJson: _attributesJson = c.Index; break;
            }
        }

        _json = new Utf8JsonWriter(_buffer);
    }

    public void Dispose() => _json.Dispose();

    public ImportCandidate? Build(CsvRowReader csv, DuplicateTracker seen, out ImportRowError? error)
    {
        error = null;
        if (csv.Count != _columns.Count)
        {
            var reason = csv.EndsInOpenQuote()
                ? "a quote opened in this row is never closed, so the rest of the file was read into it"
                : $"the row has {csv.Count} fields but the header has {_columns.Count}";
            error = Error(csv, SafeCell(csv, _email), reason);
            return null;
        }

        // A quote that is never closed swallows the rest of the file into one field; its raw record then holds
        // an odd number of quotes (it always ends at the end of the file, so this is the last record).
        if (csv.EndsInOpenQuote())
        {
            error = Error(csv, SafeCell(csv, _email), "a quote opened in this row is never closed, so the rest of the file was read into it");
            return null;
        }

        if (csv.HasBadQuoting)
        {
            error = Error(csv, SafeCell(csv, _email), "a quote inside a field that is not itself quoted (write it as \"\" inside a quoted field)");
            return null;
        }

        for (var i = 0; i < _columns.Count; i++)
        {
            if (csv[i].Length > MaxFieldChars)
            {
                error = Error(csv, SafeCell(csv, _email), $"the '{HeaderMapper.Shorten(_columns[i].Header, 40)}' field is longer than {MaxFieldChars:N0} characters");
                return null;
            }
        }

        var rawEmail = Unescape(csv[_email]);
        if (!EmailAddress.TryNormalize(rawEmail, out var email, out var emailError))
        {
            error = Error(csv, rawEmail, $"invalid email: {emailError}");
            return null;
        }

        var line = csv.StartLine();
        var firstLine = seen.Add(email.Key, line);
        if (firstLine != 0)
        {
            error = new ImportRowError(line, Short(rawEmail), $"duplicate of line {firstLine} in this file");
            return null;
        }

        var name = CleanName(_name >= 0
            ? Unescape(csv[_name])
            : JoinName(_first >= 0 ? Unescape(csv[_first]) : "", _last >= 0 ? Unescape(csv[_last]) : ""));
        if (name.Length > MaxNameChars)
        {
            error = new ImportRowError(line, Short(rawEmail), $"the name is longer than {MaxNameChars} characters");
            return null;
        }

        var attributes = BuildAttributes(csv, out var attributesError);
        if (attributes is null)
        {
            error = new ImportRowError(line, Short(rawEmail), attributesError!);
            return null;
        }

        return new ImportCandidate(line, email, name, attributes);
    }

    private string? BuildAttributes(CsvRowReader csv, out string? error)
    {
        error = null;
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartObject();
        // Column keys are unique already (HeaderMapper); a set is only needed to merge a JSON attributes column.
        var written = _attributesJson >= 0 ? new HashSet<string>(StringComparer.Ordinal) : null;
        foreach (var c in _columns)
        {
            var value = c.Target is ColumnTarget.Attribute or ColumnTarget.FirstName or ColumnTarget.LastName ? Unescape(csv[c.Index]).Trim() : "";
            if (value.Length == 0)
            {
                continue;
            }

            var key = c.Target switch
            {
                ColumnTarget.FirstName => "first_name",
                ColumnTarget.LastName => "last_name",
                _ => c.AttributeKey,
            };
            if (written?.Add(key) != false)
            {
                _json.WriteString(key, value);
            }
        }

        if (_attributesJson >= 0 && csv[_attributesJson].Trim() is { Length: > 0 } json)
        {
            try
            {
                using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    error = "the attributes column is not a JSON object";
                    return null;
                }

                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    if (written!.Add(p.Name))
                    {
                        _json.WritePropertyName(p.Name);
                        p.Value.WriteTo(_json);
                    }
                }
            }
            catch (JsonException)
            {
                error = "the attributes column is not valid JSON";
                return null;
            }
        }

        _json.WriteEndObject();
        _json.Flush();
        if (_buffer.WrittenCount > MaxAttributesBytes)
        {
            error = $"the attributes take more than {MaxAttributesBytes / 1024} KB";
            return null;
        }

        return _buffer.WrittenCount == 2 ? "{}" : Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }

    /// <summary>Undoes the apostrophe our own export puts before a cell that starts like a spreadsheet formula.</summary>
    internal static string Unescape(string cell) =>
        cell.Length >= 2 && cell[0] == '\'' && cell[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? cell[1..] : cell;

    /// <summary>Control characters (a CR/LF could later become a header break) become spaces.</summary>
    internal static string CleanName(string name)
    {
        var trimmed = name.Trim();
        if (!trimmed.Any(char.IsControl))
        {
            return trimmed;
        }

        var sb = new StringBuilder(trimmed.Length);
        foreach (var c in trimmed)
        {
            sb.Append(char.IsControl(c) ? ' ' : c);
        }

        return sb.ToString().Trim();
    }

    private static string JoinName(string first, string last) =>
        first.Trim().Length == 0 ? last.Trim() : last.Trim().Length == 0 ? first.Trim() : $"{first.Trim()} {last.Trim()}";

    private static ImportRowError Error(CsvRowReader csv, string email, string reason) => new(csv.StartLine(), Short(email), reason);

    private static string SafeCell(CsvRowReader csv, int index) => index < csv.Count ? csv[index] : "";

    private static string Short(string s) => HeaderMapper.Shorten(ImportRowBuilder.CleanName(s), 200);
}
