using System.CommandLine;
using Campaigns.Cli.Infrastructure;
using Campaigns.Core.Lists;
using Campaigns.Core.Subscribers;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Cli.Commands;

internal static class SubscribersCommand
{
    public static Command Build(CommandContext context)
    {
        var subscribers = new Command("subscribers", "Count and find subscribers.");
        subscribers.Subcommands.Add(Count(context));
        subscribers.Subcommands.Add(Find(context));
        return subscribers;
    }

    private static Command Count(CommandContext context)
    {
        var list = new Option<string?>("--list") { Description = "Count the members of this list only." };
        var status = new Option<MembershipStatus?>("--status") { Description = "With --list: confirmed, unconfirmed or unsubscribed." };
        var command = new Command("count", "Count subscribers.") { list, status };
        context.SetAction(command, async (parse, services, ct) =>
        {
            long? listId = parse.GetValue(list) is { } name
                ? (await ListResolver.ResolveAsync(services.GetRequiredService<IListStore>(), name, ct)).Id
                : null;
            var count = await services.GetRequiredService<ISubscriberStore>().CountAsync(listId, parse.GetValue(status), ct);
            await context.Out.WriteLineAsync(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return 0;
        });
        return command;
    }

    private static Command Find(CommandContext context)
    {
        var query = new Argument<string>("query") { Description = "The start of an email address, or part of a name." };
        var list = new Option<string?>("--list") { Description = "Only members of this list." };
        var limit = new Option<int>("--limit") { Description = "How many to show.", DefaultValueFactory = _ => 50 };
        var command = new Command("find", "Find subscribers by email prefix or name.") { query, list, limit };
        context.SetAction(command, async (parse, services, ct) =>
        {
            long? listId = parse.GetValue(list) is { } name
                ? (await ListResolver.ResolveAsync(services.GetRequiredService<IListStore>(), name, ct)).Id
                : null;
            var store = services.GetRequiredService<ISubscriberStore>();
            var found = await store.FindAsync(new SubscriberQuery(parse.GetValue(query), listId, 0, parse.GetValue(limit)), ct);
            foreach (var s in found)
            {
                var memberships = await store.GetMembershipsAsync(s.Id, ct);
                var lists = string.Join(", ", memberships.Select(m => $"{m.ListName} ({m.Status.ToString().ToLowerInvariant()})"));
                await context.Out.WriteLineAsync(
                    $"{ListsCommand.Cell(s.Email, 40),-40} {ListsCommand.Cell(s.Name, 30),-30} {s.Status.ToString().ToLowerInvariant(),-11} {ListsCommand.Cell(lists, 80)}");
            }

            if (found.Count == 0)
            {
                await context.Out.WriteLineAsync("no subscribers match");
            }

            return 0;
        });
        return command;
    }
}
