using System.CommandLine;
using Campaigns.Cli.Infrastructure;
using Campaigns.Core.Export;
using Campaigns.Core.Lists;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Cli.Commands;

internal static class ExportCommand
{
    public static Command Build(CommandContext context)
    {
        var list = new Option<string>("--list") { Description = "The list to export (name or id).", Required = true };
        var file = new Argument<string>("file") { Description = "Where to write the CSV; '-' writes to standard output." };
        var command = new Command("export", "Export a list's members, every attribute as a column, to CSV.") { list, file };
        context.SetAction(command, async (parse, services, ct) =>
        {
            var lists = services.GetRequiredService<IListStore>();
            var target = await ListResolver.ResolveAsync(lists, parse.GetValue(list)!, ct);
            var path = parse.GetValue(file)!;
            var exporter = services.GetRequiredService<CsvExporter>();
            if (path == "-")
            {
                await using var stdout = Console.OpenStandardOutput();
                await exporter.ExportAsync(target.Id, stdout, null, ct);
                return 0;
            }

            // Written beside the target and moved into place at the end, so a failed export never leaves half a file.
            var full = Path.GetFullPath(path);
            var partial = full + ".partial";
            long count;
            try
            {
                await using (var output = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
                {
                    var total = (await lists.ListAsync(ct)).First(s => s.List.Id == target.Id).Total;
                    count = await ProgressDisplay.RunAsync($"exporting {target.Name}", update =>
                        exporter.ExportAsync(target.Id, output, new InlineProgress<long>(n => update(n, total)), ct));
                }

                File.Move(partial, full, overwrite: true);
            }
            finally
            {
                File.Delete(partial);
            }

            await context.Out.WriteLineAsync($"exported {count:N0} members of '{target.Name}' to {path}");
            return 0;
        });
        return command;
    }
}
