using System.Globalization;
using System.Text;
using System.Text.Json;
using Campaigns.Core.Common;
using Campaigns.Core.Lists;
using CsvHelper;
using CsvHelper.Configuration;

namespace Campaigns.Core.Export;

/// <summary>
/// Writes a list's members as UTF-8 CSV, one column per attribute, streamed row by row. Cells that a
/// spreadsheet would run as a formula (=, +, -, @, tab, CR first) get a leading apostrophe (CsvHelper's
/// injection escaping); the importer takes it off again, so an export re-imports unchanged.
/// </summary>
public sealed class CsvExporter(IListExportSource source, IListStore lists)
{
    public static readonly string[] FixedColumns = ["email", "name", "subscriber_status", "list_status", "subscribed_at", "updated_at"];

    /// <returns>The number of members written.</returns>
    public async Task<long> ExportAsync(long listId, Stream output, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        _ = await lists.GetAsync(listId, cancellationToken) ?? throw new NotFoundException($"List {listId} does not exist.");
        var keys = await source.GetAttributeKeysAsync(listId, cancellationToken);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            InjectionOptions = InjectionOptions.Escape,
            NewLine = "\r\n",
        };
        await using var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true);
        await using var csv = new CsvWriter(text, config);
        foreach (var column in FixedColumns)
        {
            csv.WriteField(column);
        }

        foreach (var key in keys)
        {
            csv.WriteField(key);
        }

        await csv.NextRecordAsync();
        var index = keys.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i, StringComparer.Ordinal);
        var values = new string[keys.Count];
        long count = 0;
        await foreach (var row in source.ReadMembersAsync(listId, cancellationToken))
        {
            csv.WriteField(row.Email);
            csv.WriteField(row.Name);
            csv.WriteField(row.Status.ToString().ToLowerInvariant());
            csv.WriteField(row.ListStatus.ToString().ToLowerInvariant());
            csv.WriteField(row.SubscribedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            csv.WriteField(row.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            FillAttributes(row.AttributesJson, index, values);
            foreach (var value in values)
            {
                csv.WriteField(value);
            }

            await csv.NextRecordAsync();
            if (++count % 10_000 == 0)
            {
                progress?.Report(count);
            }
        }

        await csv.FlushAsync();
        progress?.Report(count);
        return count;
    }

    private static void FillAttributes(string json, Dictionary<string, int> index, string[] values)
    {
        Array.Fill(values, "");
        if (json.Length <= 2)
        {
            return;
        }

        using var doc = JsonDocument.Parse(json);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            if (index.TryGetValue(p.Name, out var i))
            {
                values[i] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            }
        }
    }
}
