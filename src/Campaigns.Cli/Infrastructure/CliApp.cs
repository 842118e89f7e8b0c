using System.CommandLine;
using Campaigns.Cli.Commands;

namespace Campaigns.Cli.Infrastructure;

/// <summary>The command tree, and the one place that turns failures into a message and an exit code.</summary>
internal static class CliApp
{
    public static readonly Option<string?> DataDirectoryOption = new("--data-dir")
    {
        Description = "Folder of the embedded SQLite database (default: Campaigns__DataDirectory, else ~/.local/share/campaigns).",
        Recursive = true,
    };

    /// <summary>Parses and runs; response files are off so a domain written as @example.com stays an argument.</summary>
    public static Task<int> RunAsync(CommandContext context, string[] args) =>
        BuildRootCommand(context).Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null }).InvokeAsync();

    public static RootCommand BuildRootCommand(CommandContext context)
    {
        var root = new RootCommand("Campaigns: lists, subscribers, imports, exports, campaigns and bounces from the terminal.");
        root.Options.Add(DataDirectoryOption);
        root.Subcommands.Add(MigrateCommand.Build(context));
        root.Subcommands.Add(ListsCommand.Build(context));
        root.Subcommands.Add(ImportCommand.Build(context));
        root.Subcommands.Add(ExportCommand.Build(context));
        root.Subcommands.Add(SubscribersCommand.Build(context));
        root.Subcommands.Add(SuppressionsCommand.Build(context));
        root.Subcommands.Add(ImportsCommand.Build(context));
        root.Subcommands.Add(CampaignCommand.Build(context));
        root.Subcommands.Add(TemplatesCommand.Build(context));
        root.Subcommands.Add(DkimCommand.Build(context));
        root.Subcommands.Add(ThrottleCommand.Build(context));
        root.Subcommands.Add(BouncesCommand.Build(context));
        return root;
    }
}
