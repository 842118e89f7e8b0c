using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Campaigns.Data.Imports;

/// <summary>
/// Packs a batch's rows into one JSON array parameter, read back in SQL by json_each (SQLite) or OPENJSON
/// (SQL Server): one statement per batch and table instead of one round trip per row.
/// </summary>
internal static class BatchJson
{
    public static string Strings(IEnumerable<string> values) => Write(w =>
    {
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }
    });

    /// <summary>An array of arrays; each row writes its own cells.</summary>
    public static string Rows<T>(IEnumerable<T> rows, Action<Utf8JsonWriter, T> cells) => Write(w =>
    {
        foreach (var row in rows)
        {
            w.WriteStartArray();
            cells(w, row);
            w.WriteEndArray();
        }
    });

    private static string Write(Action<Utf8JsonWriter> items)
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            w.WriteStartArray();
            items(w);
            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
