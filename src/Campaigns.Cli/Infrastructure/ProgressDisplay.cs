using Spectre.Console;

namespace Campaigns.Cli.Infrastructure;

/// <summary>A progress bar on long work when stdout is a terminal; silence when it is piped or redirected.</summary>
internal static class ProgressDisplay
{
    public static bool Interactive => !Console.IsOutputRedirected && !Console.IsErrorRedirected;

    /// <param name="work">Gets a callback to report (done, total) with; total may be unknown (-1).</param>
    public static async Task<T> RunAsync<T>(string title, Func<Action<double, double>, Task<T>> work)
    {
        if (!Interactive)
        {
            return await work((_, _) => { });
        }

        return await AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: 1);
                var result = await work((done, total) =>
                {
                    if (total > 0)
                    {
                        task.MaxValue = total;
                        task.Value = Math.Min(done, total);
                    }
                    else
                    {
                        task.IsIndeterminate = true;
                    }
                });
                task.Value = task.MaxValue;
                return result;
            });
    }
}
