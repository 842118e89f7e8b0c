using System.CommandLine;
using Campaigns.Cli.Commands;
using Campaigns.Data.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Cli.Infrastructure;

/// <summary>The command tree, and the one place that turns failures into a message and an exit code.</summary>
internal static class CliApp
{
    public static readonly Option<string?> DataDirectoryOption = new("--data-dir")
    {
        Description = "Folder of the embedded SQLite database (default: Campaigns__DataDirectory, else ~/.local/share/campaigns).",
        Recursive = true,
    };

    public static RootCommand BuildRootCommand(Func<string?, ServiceProvider> services)
    {
        var context = new CommandContext(services);
        var root = new RootCommand("Campaigns: lists, subscribers, imports and exports from the terminal.");
        root.Options.Add(DataDirectoryOption);
        root.Subcommands.Add(MigrateCommand.Build(context));
        root.Subcommands.Add(ListsCommand.Build(context));
        root.Subcommands.Add(ImportCommand.Build(context));
        root.Subcommands.Add(ExportCommand.Build(context));
        root.Subcommands.Add(SubscribersCommand.Build(context));
        root.Subcommands.Add(SuppressionsCommand.Build(context));
        root.Subcommands.Add(ImportsCommand.Build(context));
        return root;
    }
}
