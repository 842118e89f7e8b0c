using System.CommandLine;
using Campaigns.Core.Common;
using Campaigns.Core.Import;
using Campaigns.Data.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Cli.Infrastructure;

/// <summary>Runs a command's body with migrated services; turns expected failures into one line on stderr and exit code 1.</summary>
internal sealed class CommandContext(Func<string?, ServiceProvider> createServices)
{
    public TextWriter Out { get; set; } = Console.Out;

    public TextWriter Error { get; set; } = Console.Error;

    public void SetAction(Command command, Func<ParseResult, IServiceProvider, CancellationToken, Task<int>> body, bool migrate = true) =>
        command.SetAction((parse, cancellationToken) => RunAsync(parse, body, migrate, cancellationToken));

    private async Task<int> RunAsync(ParseResult parse, Func<ParseResult, IServiceProvider, CancellationToken, Task<int>> body, bool migrate, CancellationToken cancellationToken)
    {
        try
        {
            await using var services = createServices(parse.GetValue(CliApp.DataDirectoryOption));
            if (migrate)
            {
                await services.GetRequiredService<Migrator>().MigrateAsync(cancellationToken);
            }

            return await body(parse, services, cancellationToken);
        }
        catch (Exception e) when (e is ValidationException or NotFoundException or ImportFormatException or ImportAlreadyRunningException
                                      or MigrationException or IOException or UnauthorizedAccessException or System.Data.Common.DbException)
        {
            await Error.WriteLineAsync($"campaigns: {OneLine(e.Message)}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            await Error.WriteLineAsync("campaigns: cancelled");
            return 130;
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
