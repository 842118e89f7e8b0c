namespace Campaigns.Core.Import;

/// <summary>The first rows of a CSV and how its columns would be mapped: what the import page shows before anything is written.</summary>
public sealed record CsvPreview(
    IReadOnlyList<ColumnMapping> Columns,
    IReadOnlyList<IReadOnlyList<string>> Rows,
    string Delimiter,
    string Encoding)
{
    /// <summary>Reads up to <paramref name="rows"/> rows after the header with the same reader and mapper as the import itself.</summary>
    public static async Task<CsvPreview> ReadAsync(Stream input, IReadOnlyDictionary<string, ColumnTarget>? overrides = null, int rows = 5,
        CancellationToken cancellationToken = default)
    {
        var (encoding, bom) = await CsvEncodingSniffer.DetectAsync(input, cancellationToken);
        input.Position += bom;
        using var text = new StreamReader(input, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        using var csv = new CsvRowReader(text, null);
        if (!csv.Read(cancellationToken))
        {
            throw new ImportFormatException("The file is empty.");
        }

        var columns = HeaderMapper.Map(csv.CurrentRecord(), overrides);
        var sample = new List<IReadOnlyList<string>>();
        while (sample.Count < rows && csv.Read(cancellationToken))
        {
            sample.Add(csv.CurrentRecord());
        }

        return new CsvPreview(columns, sample, CsvRowReader.DescribeDelimiter(csv.Delimiter),
            encoding.CodePage == 1252 ? "Windows-1252" : "UTF-8");
    }
}
