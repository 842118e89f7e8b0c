using System.CommandLine;
using System.Globalization;
using Campaigns.Cli.Infrastructure;
using Campaigns.Core.Common;
using Campaigns.Core.Lists;
using Campaigns.Core.Sending;
using Campaigns.Sending.Composition;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Cli.Commands;

/// <summary>Campaigns from the terminal: write, schedule, start, pause, resume, cancel and watch. The web or worker hosts send.</summary>
internal static class CampaignCommand
{
    public static Command Build(CommandContext context)
    {
        var campaign = new Command("campaign", "Write, schedule and control campaigns; the web host or the workers send them.");
        campaign.Subcommands.Add(Create(context));
        campaign.Subcommands.Add(Ls(context));
        campaign.Subcommands.Add(Schedule(context));
        var start = Control(context, "start", "Start sending now.", (c, id, ct) => c.StartAsync(id, ct));
        start.Aliases.Add("send");
        campaign.Subcommands.Add(start);
        campaign.Subcommands.Add(Control(context, "pause", "Pause: workers stop after the message in hand.", (c, id, ct) => c.PauseAsync(id, ct)));
        campaign.Subcommands.Add(Control(context, "resume", "Resume a paused campaign.", (c, id, ct) => c.ResumeAsync(id, ct)));
        campaign.Subcommands.Add(Control(context, "cancel", "Cancel: nothing more is sent.", (c, id, ct) => c.CancelAsync(id, ct)));
        campaign.Subcommands.Add(Status(context));
        campaign.Subcommands.Add(Test(context));
        return campaign;
    }

    private static Command Create(CommandContext context)
    {
        var name = new Option<string>("--name") { Description = "The campaign's name (shown to you, not to readers).", Required = true };
        var subject = new Option<string>("--subject") { Description = "The subject (Liquid: {{ subscriber.first_name }}).", Required = true };
        var from = new Option<string>("--from") { Description = "The From address.", Required = true };
        var fromName = new Option<string>("--from-name") { Description = "The From name.", DefaultValueFactory = _ => "" };
        var replyTo = new Option<string?>("--reply-to") { Description = "A Reply-To address." };
        var body = new Option<FileInfo>("--body") { Description = "An HTML file with the body (Liquid).", Required = true };
        var lists = new Option<string[]>("--list") { Description = "A list to send to (repeatable).", Required = true };
        var template = new Option<string?>("--template") { Description = "The layout template's name." };
        var noOpens = new Option<bool>("--no-open-tracking") { Description = "No open pixel." };
        var noClicks = new Option<bool>("--no-click-tracking") { Description = "Links are not rewritten." };
        var command = new Command("create", "Create a campaign as a draft; its templates are checked now.") { name, subject, from, fromName, replyTo, body, lists, template, noOpens, noClicks };
        context.SetAction(command, async (parse, services, ct) =>
        {
            var listIds = new List<long>();
            foreach (var l in parse.GetValue(lists)!)
            {
                listIds.Add((await ListResolver.ResolveAsync(services.GetRequiredService<IListStore>(), l, ct)).Id);
            }

            long? templateId = null;
            if (parse.GetValue(template) is { } templateName)
            {
                templateId = (await services.GetRequiredService<ITemplateStore>().FindByNameAsync(templateName, ct)
                    ?? throw new NotFoundException($"No template named '{templateName}'. 'campaigns templates ls' shows them.")).Id;
            }

            var html = await File.ReadAllTextAsync(parse.GetValue(body)!.FullName, ct);
            var created = await services.GetRequiredService<CampaignEditor>().CreateAsync(new CampaignDraft(
                parse.GetValue(name)!, parse.GetValue(subject)!, parse.GetValue(fromName) ?? "", parse.GetValue(from)!, html, listIds,
                parse.GetValue(replyTo), templateId, !parse.GetValue(noOpens), !parse.GetValue(noClicks)), ct);
            await context.Out.WriteLineAsync($"created campaign {created.Id} '{created.Name}' (draft): 'campaigns campaign start {created.Id}' sends it");
            return 0;
        });
        return command;
    }

    private static Command Ls(CommandContext context)
    {
        var command = new Command("ls", "Show recent campaigns.");
        context.SetAction(command, async (_, services, ct) =>
        {
            var all = await services.GetRequiredService<ICampaignStore>().ListAsync(100, ct);
            await context.Out.WriteLineAsync($"{"ID",6}  {"NAME",-30} {"STATUS",-10} {"PLANNED",9}  SEND AT (UTC)");
            foreach (var c in all)
            {
                await context.Out.WriteLineAsync($"{c.Id,6}  {Cell(c.Name, 30),-30} {c.Status.ToString().ToLowerInvariant(),-10} {c.Planned,9:N0}  {c.SendAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-"}");
            }

            return 0;
        });
        return command;
    }

    private static Command Schedule(CommandContext context)
    {
        var id = new Argument<long>("id") { Description = "The campaign's id." };
        var at = new Option<string>("--at") { Description = "Local date and time, e.g. \"2026-12-01 09:30\".", Required = true };
        var zone = new Option<string>("--tz") { Description = "Time zone (IANA, e.g. Europe/Oslo).", DefaultValueFactory = _ => "UTC" };
        var command = new Command("schedule", "Schedule a campaign at a local time in a time zone.") { id, at, zone };
        context.SetAction(command, async (parse, services, ct) =>
        {
            if (!DateTime.TryParse(parse.GetValue(at), CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                throw new ValidationException($"'{parse.GetValue(at)}' is not a date and time (write it as 2026-12-01 09:30).");
            }

            await services.GetRequiredService<CampaignCommands>().ScheduleAsync(parse.GetValue(id), local, parse.GetValue(zone)!, ct);
            var c = await services.GetRequiredService<ICampaignStore>().GetAsync(parse.GetValue(id), ct);
            await context.Out.WriteLineAsync($"campaign {c!.Id} scheduled for {c.SendAt:yyyy-MM-dd HH:mm} UTC ({local:yyyy-MM-dd HH:mm} {c.TimeZone})");
            return 0;
        });
        return command;
    }

    private static Command Control(CommandContext context, string verb, string description, Func<CampaignCommands, long, CancellationToken, Task> action)
    {
        var id = new Argument<long>("id") { Description = "The campaign's id." };
        var command = new Command(verb, description) { id };
        context.SetAction(command, async (parse, services, ct) =>
        {
            await action(services.GetRequiredService<CampaignCommands>(), parse.GetValue(id), ct);
            var c = await services.GetRequiredService<ICampaignStore>().GetAsync(parse.GetValue(id), ct);
            await context.Out.WriteLineAsync(verb == "start"
                ? $"campaign {c!.Id} '{c.Name}' starts now: the web host or a worker plans and sends it ('campaigns campaign status {c.Id}' follows it)"
                : $"campaign {c!.Id} '{c.Name}' is now {c.Status.ToString().ToLowerInvariant()}");
            return 0;
        });
        return command;
    }

    private static Command Status(CommandContext context)
    {
        var id = new Argument<long>("id") { Description = "The campaign's id." };
        var command = new Command("status", "Progress from the send ledger, with each domain's share and back-off.") { id };
        context.SetAction(command, async (parse, services, ct) =>
        {
            var p = await services.GetRequiredService<ICampaignControl>().GetProgressAsync(parse.GetValue(id), ct);
            await context.Out.WriteLineAsync(
                $"campaign {p.CampaignId}: {p.Status.ToString().ToLowerInvariant()}; planned {p.Planned:N0}, sent {p.Sent:N0}, queued {p.Queued + p.Sending:N0}, deferred {p.Deferred:N0}, failed {p.Failed:N0}, cancelled {p.Cancelled:N0}");
            foreach (var d in p.Domains)
            {
                var backoff = d.BackoffUntil is { } until ? $"  backing off until {until:HH:mm:ss} UTC: {Cell(d.LastReply ?? "", 60)}" : "";
                await context.Out.WriteLineAsync($"  {Cell(d.Domain.Length == 0 ? "(small domains)" : d.Domain, 30),-30} sent {d.Sent,8:N0}  queued {d.Queued,8:N0}  deferred {d.Deferred,6:N0}  failed {d.Failed,6:N0}{backoff}");
            }

            return 0;
        });
        return command;
    }

    private static Command Test(CommandContext context)
    {
        var id = new Argument<long>("id") { Description = "The campaign's id." };
        var to = new Option<string[]>("--to") { Description = "An address to send the test to (repeatable, at most 10).", Required = true };
        var command = new Command("test", "Send the campaign as it stands to a few addresses, marked [Test], outside the ledger.") { id, to };
        context.SetAction(command, async (parse, services, ct) =>
        {
            var results = await services.GetRequiredService<CampaignTester>().SendAsync(parse.GetValue(id), parse.GetValue(to)!, ct);
            foreach (var (address, result) in results)
            {
                await context.Out.WriteLineAsync($"{address}: {result.Outcome.ToString().ToLowerInvariant()} ({result.Reply})");
            }

            return results.All(r => r.Result.Outcome == Campaigns.Sending.Transport.DeliveryOutcome.Sent) ? 0 : 1;
        });
        return command;
    }

    private static string Cell(string s, int width) => s.Length <= width ? s : s[..(width - 1)] + "…";
}
