using Campaigns.Cli.Infrastructure;

namespace Campaigns.Cli.Tests;

/// <summary>Runs `campaigns` in-process against a private data folder and captures what it prints.</summary>
internal sealed class CliRunner : IDisposable
{
    public CliRunner()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "campaigns-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
    }

    public string DataDirectory { get; }

    public string PathFor(string name) => Path.Combine(DataDirectory, name);

    public async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CommandContext(CliServices.Create) { Out = output, Error = error };
        var exit = await CliApp.RunAsync(context, [.. args, "--data-dir", DataDirectory]);
        return (exit, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
