using System.Diagnostics;

namespace Campaigns.Cli.Tests;

/// <summary>The CLI as operators run it: its own process, where the root command takes the executable's name.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task The_real_executable_parses_its_commands()
    {
        var data = Path.Combine(Path.GetTempPath(), "campaigns-cli-process", Guid.NewGuid().ToString("N"));
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "campaigns.dll"));
        foreach (var a in new[] { "--data-dir", data, "campaign", "ls" })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0, $"{output}\n{error}");
        Assert.Contains("NAME", output, StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(data, recursive: true);
    }
}
