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
        subscribers.Subcommands.Add(Data(context));
        subscribers.Subcommands.Add(Erase(context));
        return subscribers;
    }

    private static Command Data(CommandContext context)
    {
        var email = new Argument<string>("email") { Description = "The subscriber's address." };
        var output = new Option<FileInfo?>("--out") { Description = "Write the JSON here instead of to the terminal." };
        var command = new Command("data", "Everything held about a subscriber, as JSON (a data-access request).") { email, output };
        context.SetAction(command, async (parse, services, ct) =>
        {
            var subscriber = await services.GetRequiredService<ISubscriberStore>().GetByEmailAsync(parse.GetValue(email)!, ct)
                ?? throw new Core.Common.NotFoundException($"No subscriber with the address '{parse.GetValue(email)}'.");
            var json = await services.GetRequiredService<ISubscriberDataStore>().ExportJsonAsync(subscriber.Id, ct);
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, json, ct);
                await context.Out.WriteLineAsync($"wrote {file.FullName}");
            }
            else
            {
                await context.Out.WriteLineAsync(json);
            }

            return 0;
        });
        return command;
    }

    private static Command Erase(CommandContext context)
    {
        var email = new Argument<string>("email") { Description = "The subscriber's address." };
        var yes = new Option<bool>("--yes") { Description = "Really erase: it cannot be undone." };
        var command = new Command("erase", "Erase a subscriber on request; campaign totals stay, and a suppression of the address stays.") { email, yes };
        context.SetAction(command, async (parse, services, ct) =>
        {
            if (!parse.GetValue(yes))
            {
                throw new Core.Common.ValidationException("Erasing cannot be undone: add --yes.");
            }

            var subscriber = await services.GetRequiredService<ISubscriberStore>().GetByEmailAsync(parse.GetValue(email)!, ct)
                ?? throw new Core.Common.NotFoundException($"No subscriber with the address '{parse.GetValue(email)}'.");
            await services.GetRequiredService<ISubscriberDataStore>().EraseAsync(subscriber.Id, ct);
            await context.Out.WriteLineAsync($"erased subscriber {subscriber.Id}");
            return 0;
        });
        return command;
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
