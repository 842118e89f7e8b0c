using System.CommandLine;
using Campaigns.Cli.Infrastructure;
using Campaigns.Core.Suppressions;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Cli.Commands;

internal static class SuppressionsCommand
{
    public static Command Build(CommandContext context)
    {
        var suppressions = new Command("suppressions", "The global suppression list: addresses and domains that are never mailed.");

        var target = new Argument<string>("target") { Description = "An address, or a domain (example.com or @example.com)." };
        var reason = new Option<string>("--reason") { Description = "Why (shown in reports and import skips).", DefaultValueFactory = _ => "added by an operator" };
        var add = new Command("add", "Suppress an address or a whole domain.") { target, reason };
        context.SetAction(add, async (parse, services, ct) =>
        {
            var (kind, value) = SuppressionTarget.Parse(parse.GetValue(target)!);
            var s = await services.GetRequiredService<ISuppressionStore>().AddAsync(kind, value, parse.GetValue(reason)!, ct);
            await context.Out.WriteLineAsync($"suppressed {s.Kind.ToString().ToLowerInvariant()} {s.Value}: {s.Reason}");
            return 0;
        });

        var removeTarget = new Argument<string>("target") { Description = "The address or domain to mail again." };
        var rm = new Command("rm", "Lift a suppression.") { removeTarget };
        context.SetAction(rm, async (parse, services, ct) =>
        {
            var (kind, value) = SuppressionTarget.Parse(parse.GetValue(removeTarget)!);
            var removed = await services.GetRequiredService<ISuppressionStore>().RemoveAsync(kind, value, ct);
            await context.Out.WriteLineAsync(removed ? $"removed {value}" : $"{value} was not suppressed");
            return removed ? 0 : 1;
        });

        var ls = new Command("ls", "Show suppressions, newest first.");
        context.SetAction(ls, async (_, services, ct) =>
        {
            foreach (var s in await services.GetRequiredService<ISuppressionStore>().ListAsync(0, 1000, ct))
            {
                await context.Out.WriteLineAsync($"{s.Kind.ToString().ToLowerInvariant(),-8} {s.Value,-40} {s.CreatedAt:yyyy-MM-dd HH:mm}  {ListsCommand.Cell(s.Reason, 60)}");
            }

            return 0;
        });

        suppressions.Subcommands.Add(add);
        suppressions.Subcommands.Add(rm);
        suppressions.Subcommands.Add(ls);
        return suppressions;
    }
}
