using System.CommandLine;
using Campaigns.Cli.Infrastructure;
using Campaigns.Data.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Cli.Commands;

internal static class MigrateCommand
{
    public static Command Build(CommandContext context)
    {
        var command = new Command("migrate", "Apply the database scripts that have not run yet.");
        context.SetAction(command, async (_, services, ct) =>
        {
            var migrator = services.GetRequiredService<Migrator>();
            var applied = await migrator.MigrateAsync(ct);
            foreach (var script in applied)
            {
                await context.Out.WriteLineAsync($"applied {script.Name}");
            }

            var all = await migrator.AppliedAsync(ct);
            await context.Out.WriteLineAsync($"database at version {(all.Count == 0 ? 0 : all[^1].Version)} ({applied.Count} applied now)");
            return 0;
        }, migrate: false);
        return command;
    }
}
