using System.CommandLine;
using Campaigns.Cli.Infrastructure;
using Campaigns.Data.Sending;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Cli.Commands;

internal static class ThrottleCommand
{
    public static Command Build(CommandContext context)
    {
        var throttle = new Command("throttle", "Fleet-wide send rates per recipient domain ('*' is every other domain).");
        var domain = new Argument<string>("domain") { Description = "A recipient domain, or '*'." };
        var rate = new Option<double>("--rate") { Description = "Messages per second for the whole fleet.", Required = true };
        var connections = new Option<int>("--connections") { Description = "Connections at once for the whole fleet.", Required = true };
        var set = new Command("set", "Set a domain's rate and connection limit.") { domain, rate, connections };
        context.SetAction(set, async (parse, services, ct) =>
        {
            await services.GetRequiredService<ThrottleStore>().SetRuleAsync(new ThrottleRule(parse.GetValue(domain)!, parse.GetValue(rate), parse.GetValue(connections)), ct);
            await context.Out.WriteLineAsync($"{parse.GetValue(domain)}: {parse.GetValue(rate)} messages/s, {parse.GetValue(connections)} connections");
            return 0;
        });
        var ls = new Command("ls", "Show the rules.");
        context.SetAction(ls, async (_, services, ct) =>
        {
            foreach (var r in (await services.GetRequiredService<ThrottleStore>().GetRulesAsync(ct)).OrderBy(r => r.Domain, StringComparer.Ordinal))
            {
                await context.Out.WriteLineAsync($"{r.Domain,-30} {r.PerSecond,8} /s {r.MaxConnections,4} connections");
            }

            return 0;
        });
        throttle.Subcommands.Add(set);
        throttle.Subcommands.Add(ls);
        return throttle;
    }
}
