using System.CommandLine;
using Campaigns.Cli.Infrastructure;
using Campaigns.Core.Lists;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Cli.Commands;

internal static class ListsCommand
{
    public static Command Build(CommandContext context)
    {
        var lists = new Command("lists", "Create, show and remove subscriber lists.");
        lists.Subcommands.Add(Create(context));
        lists.Subcommands.Add(Ls(context));
        lists.Subcommands.Add(Rm(context));
        return lists;
    }

    private static Command Create(CommandContext context)
    {
        var name = new Argument<string>("name") { Description = "The list's name (unique, any case)." };
        var description = new Option<string>("--description") { Description = "What the list is for.", DefaultValueFactory = _ => "" };
        var isPublic = new Option<bool>("--public") { Description = "Can be joined from subscribe forms and shown in the preference centre." };
        var doubleOptIn = new Option<bool>("--double-optin") { Description = "Members must confirm by a link before they are mailed." };
        var tags = new Option<string[]>("--tag") { Description = "A tag (repeatable).", AllowMultipleArgumentsPerToken = false };
        var command = new Command("create", "Create a list.") { name, description, isPublic, doubleOptIn, tags };
        context.SetAction(command, async (parse, services, ct) =>
        {
            var list = await services.GetRequiredService<IListStore>().CreateAsync(new NewList(
                parse.GetValue(name)!,
                parse.GetValue(description) ?? "",
                parse.GetValue(isPublic) ? ListVisibility.Public : ListVisibility.Private,
                parse.GetValue(doubleOptIn) ? OptInKind.Double : OptInKind.Single,
                parse.GetValue(tags)), ct);
            await context.Out.WriteLineAsync($"created list {list.Id} '{list.Name}' ({Describe(list)})");
            return 0;
        });
        return command;
    }

    private static Command Ls(CommandContext context)
    {
        var command = new Command("ls", "Show every list with its member counts.");
        context.SetAction(command, async (_, services, ct) =>
        {
            var all = await services.GetRequiredService<IListStore>().ListAsync(ct);
            if (all.Count == 0)
            {
                await context.Out.WriteLineAsync("no lists yet: 'campaigns lists create NAME' makes one");
                return 0;
            }

            await context.Out.WriteLineAsync($"{"ID",6}  {"NAME",-30} {"CONFIRMED",10} {"UNCONFIRMED",12} {"UNSUBSCRIBED",13}  KIND");
            foreach (var s in all)
            {
                await context.Out.WriteLineAsync(
                    $"{s.List.Id,6}  {Cell(s.List.Name, 30),-30} {s.Confirmed,10:N0} {s.Unconfirmed,12:N0} {s.Unsubscribed,13:N0}  {Describe(s.List)}");
            }

            return 0;
        });
        return command;
    }

    private static Command Rm(CommandContext context)
    {
        var name = new Argument<string>("name") { Description = "The list's name or id." };
        var command = new Command("rm", "Remove a list and its memberships (the subscribers stay).") { name };
        context.SetAction(command, async (parse, services, ct) =>
        {
            var store = services.GetRequiredService<IListStore>();
            var list = await ListResolver.ResolveAsync(store, parse.GetValue(name)!, ct);
            await store.DeleteAsync(list.Id, ct);
            await context.Out.WriteLineAsync($"removed list {list.Id} '{list.Name}'");
            return 0;
        });
        return command;
    }

    private static string Describe(MailingList list) =>
        $"{list.Visibility.ToString().ToLowerInvariant()}, {list.OptIn.ToString().ToLowerInvariant()} opt-in"
        + (list.Tags.Count > 0 ? $", tags: {string.Join(", ", list.Tags)}" : "");

    internal static string Cell(string text, int width)
    {
        var clean = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        return clean.Length <= width ? clean : string.Concat(clean.AsSpan(0, width - 1), "…");
    }
}
