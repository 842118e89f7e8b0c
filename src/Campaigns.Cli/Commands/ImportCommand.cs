using System.CommandLine;
using Campaigns.Cli.Infrastructure;
using Campaigns.Core.Import;
using Campaigns.Core.Lists;
using Campaigns.Core.Subscribers;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Cli.Commands;

internal static class ImportCommand
{
    private const int DetailsShown = 20;

    public static Command Build(CommandContext context)
    {
        var list = new Option<string>("--list") { Description = "The list to import into (name or id).", Required = true };
        var file = new Argument<FileInfo>("file") { Description = "A CSV file: UTF-8 or Windows-1252; comma, semicolon or tab." };
        var mode = new Option<ImportMode>("--mode") { Description = "add, upsert, unsubscribe or blocklist.", DefaultValueFactory = _ => ImportMode.Add };
        var emailColumn = new Option<string?>("--email-column") { Description = "The header of the email column, when it is not recognized." };
        var delimiter = new Option<string?>("--delimiter") { Description = "Force the delimiter: ',' ';' or 'tab' (detected by default)." };
        var confirmed = new Option<bool>("--confirmed") { Description = "Add new members as confirmed even on a double opt-in list." };
        var command = new Command("import", "Import subscribers from a CSV file into a list.") { list, file, mode, emailColumn, delimiter, confirmed };
        context.SetAction(command, async (parse, services, ct) =>
        {
            var target = await ListResolver.ResolveAsync(services.GetRequiredService<IListStore>(), parse.GetValue(list)!, ct);
            var path = parse.GetValue(file)!;
            var columns = parse.GetValue(emailColumn) is { } email ? new Dictionary<string, ColumnTarget> { [email] = ColumnTarget.Email } : null;
            var options = new ImportOptions(
                target.Id,
                parse.GetValue(mode),
                path.Name,
                columns,
                parse.GetValue(delimiter) is { } d ? (d.Equals("tab", StringComparison.OrdinalIgnoreCase) ? "\t" : d) : null,
                parse.GetValue(confirmed) ? MembershipStatus.Confirmed : null);

            await using var stream = new FileStream(path.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
            var importer = services.GetRequiredService<CsvImporter>();
            var report = await ProgressDisplay.RunAsync($"importing {path.Name}", update =>
                importer.ImportAsync(stream, options, new InlineProgress<ImportProgress>(p => update(p.BytesRead, p.BytesTotal)), ct));
            await PrintAsync(context.Out, target, report);
            if (!report.Succeeded)
            {
                await context.Error.WriteLineAsync($"campaigns: import {report.Summary.Status.ToString().ToLowerInvariant()}: {report.Summary.Message}");
                return 1;
            }

            return 0;
        });
        return command;
    }

    private static async Task PrintAsync(TextWriter output, MailingList list, ImportReport report)
    {
        var s = report.Summary;
        var c = s.Counts;
        await output.WriteLineAsync($"import {s.Id} into '{list.Name}' ({s.Mode.ToString().ToLowerInvariant()}): {s.Status.ToString().ToLowerInvariant()}");
        await output.WriteLineAsync($"  rows read {c.RowsRead:N0}, added {c.Added:N0}, updated {c.Updated:N0}, unchanged {c.Unchanged:N0}, skipped {c.Skipped:N0}");
        foreach (var warning in report.Warnings)
        {
            await output.WriteLineAsync($"  note: {warning}");
        }

        foreach (var e in report.Details.Take(DetailsShown))
        {
            await output.WriteLineAsync($"  line {e.Line}: {ListsCommand.Cell(e.Email, 60)}: {e.Reason}");
        }

        if (c.Skipped > DetailsShown)
        {
            await output.WriteLineAsync($"  ... {c.Skipped - DetailsShown:N0} more; all of them: campaigns imports errors {s.Id} --out skipped.csv");
        }
    }
}
