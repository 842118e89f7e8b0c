using System.CommandLine;
using Campaigns.Cli.Infrastructure;
using Campaigns.Core.Sending;
using Campaigns.Sending.Composition;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Cli.Commands;

internal static class TemplatesCommand
{
    public static Command Build(CommandContext context)
    {
        var templates = new Command("templates", "Layout templates: the HTML around campaign bodies ({{ content }} marks the spot).");
        var name = new Argument<string>("name") { Description = "The template's name." };
        var file = new Argument<FileInfo>("file") { Description = "An HTML file (Liquid)." };
        var save = new Command("save", "Create or replace a layout; its Liquid is checked first.") { name, file };
        context.SetAction(save, async (parse, services, ct) =>
        {
            var body = await File.ReadAllTextAsync(parse.GetValue(file)!.FullName, ct);
            var existing = await services.GetRequiredService<ITemplateStore>().FindByNameAsync(parse.GetValue(name)!, ct);
            var saved = await services.GetRequiredService<CampaignEditor>().SaveLayoutAsync(existing?.Id, parse.GetValue(name)!, body, ct);
            await context.Out.WriteLineAsync($"saved template {saved.Id} '{saved.Name}'");
            return 0;
        });
        var ls = new Command("ls", "Show the layouts.");
        context.SetAction(ls, async (_, services, ct) =>
        {
            foreach (var t in await services.GetRequiredService<ITemplateStore>().ListAsync(ct))
            {
                await context.Out.WriteLineAsync($"{t.Id,6}  {t.Name}  ({t.Body.Length:N0} characters, changed {t.UpdatedAt:yyyy-MM-dd HH:mm})");
            }

            return 0;
        });
        templates.Subcommands.Add(save);
        templates.Subcommands.Add(ls);
        return templates;
    }
}
