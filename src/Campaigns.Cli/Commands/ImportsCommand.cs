using System.CommandLine;
using System.Globalization;
using Campaigns.Cli.Infrastructure;
using Campaigns.Core.Common;
using Campaigns.Core.Import;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Cli.Commands;

internal static class ImportsCommand
{
    public static Command Build(CommandContext context)
    {
        var imports = new Command("imports", "The import history, and every skipped row of an import.");

        var ls = new Command("ls", "Show recent imports.");
        context.SetAction(ls, async (_, services, ct) =>
        {
            foreach (var s in await services.GetRequiredService<IImportStore>().ListAsync(null, 50, ct))
            {
                var c = s.Counts;
                await context.Out.WriteLineAsync(
                    $"{s.Id,5} {s.StartedAt:yyyy-MM-dd HH:mm} list {s.ListId,-4} {s.Status.ToString().ToLowerInvariant(),-9} {ListsCommand.Cell(s.FileName, 30),-30} "
                    + $"read {c.RowsRead:N0} added {c.Added:N0} updated {c.Updated:N0} unchanged {c.Unchanged:N0} skipped {c.Skipped:N0}");
            }

            return 0;
        });

        var id = new Argument<long>("id") { Description = "The import's id (campaigns imports ls)." };
        var output = new Option<string>("--out") { Description = "Write the rows to this CSV file instead of the terminal." };
        var errors = new Command("errors", "Every skipped row of an import, with its line and reason.") { id, output };
        context.SetAction(errors, async (parse, services, ct) =>
        {
            var store = services.GetRequiredService<IImportStore>();
            var importId = parse.GetValue(id);
            _ = await store.GetAsync(importId, ct) ?? throw new NotFoundException($"There is no import {importId}.");
            var path = parse.GetValue(output);
            await using var writer = path is null ? null : new StreamWriter(path);
            await using var csv = new CsvWriter(writer ?? context.Out, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape }, leaveOpen: true);
            csv.WriteField("line");
            csv.WriteField("email");
            csv.WriteField("reason");
            await csv.NextRecordAsync();
            long n = 0;
            await foreach (var e in store.ReadErrorsAsync(importId, ct))
            {
                csv.WriteField(e.Line);
                csv.WriteField(e.Email);
                csv.WriteField(e.Reason);
                await csv.NextRecordAsync();
                n++;
            }

            await csv.FlushAsync();
            if (path is not null)
            {
                await context.Out.WriteLineAsync($"wrote {n:N0} rows to {path}");
            }

            return 0;
        });

        imports.Subcommands.Add(ls);
        imports.Subcommands.Add(errors);
        return imports;
    }
}
