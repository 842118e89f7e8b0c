using Campaigns.Core.Import;
using Campaigns.Core.Lists;
using Campaigns.Core.Subscribers;
using Campaigns.Data.Tests.Infrastructure;
using Campaigns.Testing;

namespace Campaigns.Data.Tests.Import;

public sealed class CsvImporterTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Imports_valid_rows_and_reports_each_bad_row_with_its_line(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var report = await db.ImportAsync(
            "Email Address,First Name,Last Name,plan\n" +
            "ann@Example.com,Ann,Lee,pro\n" +
            "not-an-email,Bad,Row,free\n" +
            "ann@EXAMPLE.COM,Ann,Again,free\n" +
            "ANN@example.com,Other,Ann,free\n" +
            "bob@example.org,Bob,,team\n");

        Assert.Equal(ImportStatus.Completed, report.Summary.Status);
        Assert.Equal(new ImportCounts(5, 3, 0, 0, 2), report.Summary.Counts);
        Assert.Collection(report.Details,
            e => Assert.Equal((3L, "not-an-email"), (e.Line, e.Email)),
            e => Assert.Equal((4L, "ann@EXAMPLE.COM", "duplicate of line 2 in this file"), (e.Line, e.Email, e.Reason)));
        Assert.Contains("no @", report.Details[0].Reason, StringComparison.Ordinal);

        // Unique on the normalized form: the domain's case does not matter, the local part's does (RFC 5321).
        Assert.Equal(3, await db.CountAsync());
        var ann = await db.SubscriberAsync("ann@example.com");
        Assert.Equal("ann@Example.com", ann.Email);
        Assert.Equal("Ann Lee", ann.Name);
        Assert.Equal("pro", (string?)ann.Attributes["plan"]);
        Assert.Equal("Ann", (string?)ann.Attributes["first_name"]);
        Assert.Equal(MembershipStatus.Confirmed, await db.MembershipAsync("bob@example.org"));
        Assert.Equal("Bob", (await db.SubscriberAsync("bob@example.org")).Name);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reads_semicolons_tabs_and_quoted_fields_with_newlines_and_counts_lines_right(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var semicolon = await db.ImportAsync("email;name;note\n\"a@example.com\";\"Smith; Anna\";\"line one\nline two\"\nbroken;x;y\n");
        Assert.Equal((1L, 1L), (semicolon.Summary.Counts.Added, semicolon.Summary.Counts.Skipped));
        Assert.Equal(4, semicolon.Details.Single().Line); // the quoted newline makes record 2 span lines 2-3
        Assert.Equal("line one\nline two", (string?)(await db.SubscriberAsync("a@example.com")).Attributes["note"]);

        var tabs = await db.ImportAsync("E-mail\tName\nb@example.com\tBea\n");
        Assert.Equal(1, tabs.Summary.Counts.Added);
        Assert.Equal("Bea", (await db.SubscriberAsync("b@example.com")).Name);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reads_windows_1252_and_utf8_with_bom(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        // "José Müller" in Windows-1252: é = 0xE9, ü = 0xFC; invalid as UTF-8.
        var cp1252 = "email,name\njose@example.com,Jos"u8.ToArray().Concat(new byte[] { 0xE9 }).Concat(" M"u8.ToArray()).Concat(new byte[] { 0xFC }).Concat("ller\n"u8.ToArray()).ToArray();
        var report = await db.ImportBytesAsync(cp1252);
        Assert.Equal(1, report.Summary.Counts.Added);
        Assert.Equal("José Müller", (await db.SubscriberAsync("jose@example.com")).Name);
        Assert.Contains(report.Warnings, w => w.Contains("Windows-1252", StringComparison.Ordinal));

        var bom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat("email,name\nzoe@exämple.de,Zoë\n"u8.ToArray()).ToArray();
        var utf8 = await db.ImportBytesAsync(bom);
        Assert.Equal(1, utf8.Summary.Counts.Added);
        Assert.Empty(utf8.Warnings);
        var zoe = await db.SubscriberAsync("zoe@xn--exmple-cua.de");
        Assert.Equal(("zoe@exämple.de", "Zoë"), (zoe.Email, zoe.Name));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Refuses_files_that_are_not_subscriber_csv_without_writing_anything(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var empty = await db.ImportBytesAsync([]);
        Assert.Equal(ImportStatus.Failed, empty.Summary.Status);
        Assert.Equal("The file is empty.", empty.Summary.Message);

        var noEmail = await db.ImportAsync("name,city\nAnn,Paris\n");
        Assert.Equal(ImportStatus.Failed, noEmail.Summary.Status);
        Assert.Contains("No email column", noEmail.Summary.Message, StringComparison.Ordinal);
        Assert.Contains("'city'", noEmail.Summary.Message, StringComparison.Ordinal);

        var binary = new byte[4096];
        new Random(7).NextBytes(binary);
        binary[10] = 0;
        var bin = await db.ImportBytesAsync(binary);
        Assert.Equal(ImportStatus.Failed, bin.Summary.Status);
        Assert.Contains("binary", bin.Summary.Message, StringComparison.Ordinal);

        var xlsx = await db.ImportBytesAsync("PK\x03\x04 rest of a zip"u8.ToArray());
        Assert.Contains("spreadsheet", xlsx.Summary.Message, StringComparison.Ordinal);

        Assert.Equal(0, await db.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_unterminated_quote_is_reported_and_rows_before_it_are_kept(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var report = await db.ImportAsync("email,name\nok@example.com,Ok\nbad@example.com,\"Never closed\nlost@example.com,Lost\nlost2@example.com,Lost\n");
        Assert.Equal(ImportStatus.Completed, report.Summary.Status);
        Assert.Equal(1, report.Summary.Counts.Added);
        var error = Assert.Single(report.Details);
        Assert.Equal(3, error.Line);
        Assert.Contains("never closed", error.Reason, StringComparison.Ordinal);
        Assert.Null(await db.Get<ISubscriberStore>().GetByEmailAsync("lost@example.com"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_ten_megabyte_cell_and_a_500_column_row_are_skipped_and_the_rest_imported(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var huge = new string('x', 10 * 1024 * 1024);
        var wide = "wide@example.com" + string.Concat(Enumerable.Repeat(",v", 499));
        var report = await db.ImportAsync($"email,name,note\nbig@example.com,Big,\"{huge}\"\n{wide}\nfine@example.com,Fine,ok\n");
        Assert.Equal(new ImportCounts(3, 1, 0, 0, 2), report.Summary.Counts);
        Assert.Contains("longer than", report.Details[0].Reason, StringComparison.Ordinal);
        Assert.Equal("the row has 500 fields but the header has 3", report.Details[1].Reason);
        Assert.Equal("Fine", (await db.SubscriberAsync("fine@example.com")).Name);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_file_cut_off_mid_row_keeps_the_complete_rows_and_reports_the_last(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var full = "email,name,city\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"user{i}@example.com,User {i},City {i}\n"));
        var truncated = full[..(full.Length - 10)];
        var report = await db.ImportAsync(truncated, batchSize: 30);
        Assert.Equal(ImportStatus.Completed, report.Summary.Status);
        Assert.Equal(99, report.Summary.Counts.Added);
        var last = Assert.Single(report.Details);
        Assert.Equal(101, last.Line);
        Assert.Equal(99, await db.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_same_import_started_twice_at_once_runs_once_and_the_second_is_refused(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var list = await db.ListAsync();
        var csv = "email\n" + string.Concat(Enumerable.Range(0, 3000).Select(i => $"u{i}@example.com\n"));
        var bytes = System.Text.Encoding.UTF8.GetBytes(csv);
        using var gate = new GateStream(bytes, bytes.Length + (bytes.Length / 2)); // holds the first import halfway through its read
        var importer = db.Get<CsvImporter>();
        var first = Task.Run(() => importer.ImportAsync(gate, new ImportOptions(list.Id) { BatchSize = 500 }));
        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(30));

        var second = await Assert.ThrowsAsync<ImportAlreadyRunningException>(() => importer.ImportAsync(Csv.Utf8(csv), new ImportOptions(list.Id)));
        Assert.Contains("already running", second.Message, StringComparison.Ordinal);

        gate.Open();
        var report = await first;
        Assert.Equal(3000, report.Summary.Counts.Added);
        Assert.Equal(3000, await db.CountAsync());

        // Once it finished, the list takes imports again.
        var again = await importer.ImportAsync(Csv.Utf8(csv), new ImportOptions(list.Id));
        Assert.Equal(3000, again.Summary.Counts.Unchanged);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Cancelling_keeps_whole_batches_only(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var list = await db.ListAsync();
        var bytes = System.Text.Encoding.UTF8.GetBytes("email\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"u{i}@example.com\n")));
        using var gate = new GateStream(bytes, bytes.Length + (bytes.Length / 2));
        using var cts = new CancellationTokenSource();
        // Reading and writing overlap: cancel once reading is held mid-file and a first batch is written.
        var firstBatch = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var progress = new InlineProgress<ImportProgress>(p => firstBatch.TrySetResult());
        var run = Task.Run(() => db.Get<CsvImporter>().ImportAsync(gate, new ImportOptions(list.Id) { BatchSize = 1000 }, progress, cts.Token));
        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        await firstBatch.Task.WaitAsync(TimeSpan.FromSeconds(30));
        cts.Cancel();
        gate.Open();
        var report = await run;

        Assert.Equal(ImportStatus.Cancelled, report.Summary.Status);
        var count = await db.CountAsync();
        Assert.True(count > 0 && count < 5000 && count % 1000 == 0, $"{count} subscribers: not a whole number of batches");
        Assert.Equal(count, report.Summary.Counts.Added);
        var stored = await db.Get<IImportStore>().GetAsync(report.Summary.Id);
        Assert.Equal(ImportStatus.Cancelled, stored!.Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Upsert_updates_and_merges_attributes_without_wiping_them_with_blanks(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await db.ImportAsync("email,name,plan,city\nann@example.com,Ann,free,Oslo\n");
        var add = await db.ImportAsync("email,name,plan,city\nann@example.com,Changed,pro,\n");
        Assert.Equal(1, add.Summary.Counts.Unchanged);
        Assert.Equal("Ann", (await db.SubscriberAsync("ann@example.com")).Name);

        var upsert = await db.ImportAsync("email,name,plan,city\nann@example.com,Ann Lee,pro,\nnew@example.com,New,free,Rome\n", ImportMode.Upsert);
        Assert.Equal((1L, 1L), (upsert.Summary.Counts.Added, upsert.Summary.Counts.Updated));
        var ann = await db.SubscriberAsync("ann@example.com");
        Assert.Equal("Ann Lee", ann.Name);
        Assert.Equal("pro", (string?)ann.Attributes["plan"]);
        Assert.Equal("Oslo", (string?)ann.Attributes["city"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Unsubscribe_and_blocklist_modes_and_no_import_resubscribes_anyone(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await db.ImportAsync("email\na@example.com\nb@example.com\nc@example.com\n");
        await db.ImportAsync("email\nc@example.com\n", list: "Other");

        var unsubscribe = await db.ImportAsync("email\na@example.com\nnobody@example.com\n", ImportMode.Unsubscribe);
        Assert.Equal((1L, 1L), (unsubscribe.Summary.Counts.Updated, unsubscribe.Summary.Counts.Unchanged));
        Assert.Equal(MembershipStatus.Unsubscribed, await db.MembershipAsync("a@example.com"));
        Assert.Null(await db.Get<ISubscriberStore>().GetByEmailAsync("nobody@example.com"));

        var again = await db.ImportAsync("email\na@example.com\n");
        Assert.Equal(1, again.Summary.Counts.Skipped);
        Assert.Contains("unsubscribed", again.Details[0].Reason, StringComparison.Ordinal);
        Assert.Equal(MembershipStatus.Unsubscribed, await db.MembershipAsync("a@example.com"));

        var blocklist = await db.ImportAsync("email\nc@example.com\nfresh@example.com\n", ImportMode.Blocklist);
        Assert.Equal((1L, 1L), (blocklist.Summary.Counts.Added, blocklist.Summary.Counts.Updated));
        Assert.Equal(SubscriberStatus.Blocklisted, (await db.SubscriberAsync("c@example.com")).Status);
        Assert.Equal(SubscriberStatus.Blocklisted, (await db.SubscriberAsync("fresh@example.com")).Status);
        Assert.Equal(MembershipStatus.Unsubscribed, await db.MembershipAsync("c@example.com", "Other"));

        var readd = await db.ImportAsync("email\nfresh@example.com\n", list: "Other");
        Assert.Contains("blocklisted", readd.Details.Single().Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Suppressed_addresses_and_domains_are_skipped(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var suppressions = db.Get<Campaigns.Core.Suppressions.ISuppressionStore>();
        await suppressions.AddAsync(Campaigns.Core.Suppressions.SuppressionKind.Address, "bounced@example.com", "hard bounce");
        await suppressions.AddAsync(Campaigns.Core.Suppressions.SuppressionKind.Domain, "competitor.test", "legal");

        var report = await db.ImportAsync("email\nbounced@EXAMPLE.com\nceo@competitor.test\nceo@mail.competitor.test\nok@example.com\n");
        Assert.Equal((1L, 3L), (report.Summary.Counts.Added, report.Summary.Counts.Skipped));
        Assert.Equal("suppressed: hard bounce", report.Details[0].Reason);
        Assert.Contains("domain competitor.test", report.Details[2].Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Keeps_the_first_thousand_details_and_stores_every_bad_row(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var csv = "email\n" + string.Concat(Enumerable.Range(0, 1500).Select(i => $"broken{i}\n")) + "fine@example.com\n";
        var report = await db.ImportAsync(csv, batchSize: 400);
        Assert.Equal(1500, report.Summary.Counts.Skipped);
        Assert.Equal(1000, report.Details.Count);
        var all = await db.Get<IImportStore>().ReadErrorsAsync(report.Summary.Id).ToListAsync();
        Assert.Equal(1500, all.Count);
        Assert.Equal(Enumerable.Range(2, 1500).Select(i => (long)i), all.Select(e => e.Line));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Hostile_names_are_stored_as_text_and_line_breaks_cannot_reach_headers(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await db.ImportAsync("email,name\nx@example.com,\"<script>alert(1)</script>\"\ny@example.com,\"Evil\r\nBcc: victim@example.com\"\n");
        Assert.Equal("<script>alert(1)</script>", (await db.SubscriberAsync("x@example.com")).Name);
        Assert.Equal("Evil  Bcc: victim@example.com", (await db.SubscriberAsync("y@example.com")).Name);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reads_a_listmonk_export_and_honours_double_opt_in(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await db.ListAsync("Confirmed only", OptInKind.Double);
        var report = await db.ImportAsync(
            "uuid,email,name,attributes,status,created_at,updated_at\n" +
            "0b0c,lm@example.com,Lis Monk,\"{\"\"city\"\": \"\"Berlin\"\", \"\"projects\"\": 3}\",enabled,2024-01-01,2024-01-02\n",
            list: "Confirmed only");
        Assert.Equal(1, report.Summary.Counts.Added);
        var s = await db.SubscriberAsync("lm@example.com");
        Assert.Equal("Berlin", (string?)s.Attributes["city"]);
        Assert.Equal(3, (int?)s.Attributes["projects"]);
        Assert.False(s.Attributes.ContainsKey("uuid"));
        Assert.Equal(MembershipStatus.Unconfirmed, await db.MembershipAsync("lm@example.com", "Confirmed only"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reports_progress_in_rows_and_bytes(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var list = await db.ListAsync();
        var bytes = System.Text.Encoding.UTF8.GetBytes("email\n" + string.Concat(Enumerable.Range(0, 25_000).Select(i => $"p{i}@example.com\n")));
        var seen = new List<ImportProgress>();
        await db.Get<CsvImporter>().ImportAsync(new MemoryStream(bytes), new ImportOptions(list.Id) { BatchSize = 10_000 }, new SyncProgress(seen.Add));
        Assert.Equal([10_000L, 20_000L, 25_000L], seen.Select(p => p.RowsRead));
        Assert.All(seen, p => Assert.Equal(bytes.Length, p.BytesTotal));
        Assert.Equal(bytes.Length, seen[^1].BytesRead);
        Assert.True(seen[0].BytesRead < seen[1].BytesRead);
    }

    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
