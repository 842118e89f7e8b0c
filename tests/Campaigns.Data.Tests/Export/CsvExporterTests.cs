using System.Text;
using Campaigns.Core.Export;
using Campaigns.Core.Import;
using Campaigns.Data.Tests.Import;
using Campaigns.Data.Tests.Infrastructure;
using Campaigns.Testing;

namespace Campaigns.Data.Tests.Export;

public sealed class CsvExporterTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Exports_every_attribute_as_a_column_and_neutralizes_formulas(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await db.ImportAsync("email,name,plan\nann@example.com,Ann,pro\n");
        await db.ImportAsync("email,name,city\nbob@example.com,\"=HYPERLINK(\"\"http://evil\"\")\",-1+2\n");
        var list = await db.ListAsync();

        var output = new MemoryStream();
        var count = await db.Get<CsvExporter>().ExportAsync(list.Id, output);
        var lines = Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, count);
        Assert.Equal("email,name,subscriber_status,list_status,subscribed_at,updated_at,city,plan", lines[0]);
        Assert.StartsWith("ann@example.com,Ann,enabled,confirmed,", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",,pro", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", lines[2], StringComparison.Ordinal);
        Assert.EndsWith(",\"'-1+2\",", lines[2], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_export_imports_again_unchanged(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await db.ImportAsync("email,name,score\nann@example.com,\"=1+1\",-5\nbob@example.com,\"Bob, \"\"the\"\" builder\",\"multi\nline\"\n");
        var list = await db.ListAsync();
        var output = new MemoryStream();
        await db.Get<CsvExporter>().ExportAsync(list.Id, output);

        await db.ListAsync("Copy");
        var copy = await db.Get<CsvImporter>().ImportAsync(new MemoryStream(output.ToArray()), new ImportOptions((await db.ListAsync("Copy")).Id, ImportMode.Upsert));

        Assert.Equal(2, copy.Summary.Counts.Updated);
        var ann = await db.SubscriberAsync("ann@example.com");
        Assert.Equal("=1+1", ann.Name);
        Assert.Equal("-5", (string?)ann.Attributes["score"]);
        Assert.Single(ann.Attributes);
        Assert.Equal("Bob, \"the\" builder", (await db.SubscriberAsync("bob@example.com")).Name);
    }
}
