using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;

namespace Campaigns.EndToEnd.Tests;

/// <summary>The web app as it runs in production: its own process from its build output, Production environment, a fresh data folder.</summary>
public sealed class WebAppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private WebAppProcess(Process process, string baseUrl, string dataDirectory)
    {
        _process = process;
        BaseUrl = baseUrl;
        DataDirectory = dataDirectory;
    }

    public string BaseUrl { get; }

    public string DataDirectory { get; }

    /// <summary>The last lines the app logged, for failure messages.</summary>
    public string Log => string.Join('\n', _output.TakeLast(60));

    public static async Task<WebAppProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var root = Repository.Root;
        var dll = new[] { "Release", "Debug" }
            .Select(c => Path.Combine(root, "src", "Campaigns.Web", "bin", c, "net10.0", "Campaigns.Web.dll"))
            .Where(File.Exists)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault() ?? throw new InvalidOperationException("Build src/Campaigns.Web first.");
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var data = Path.Combine(Path.GetTempPath(), "campaigns-e2e", Guid.NewGuid().ToString("N"));
        var psi = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["ASPNETCORE_URLS"] = baseUrl;
        psi.Environment["Campaigns__DataDirectory"] = data;
        psi.Environment["Campaigns__Sending__PublicUrl"] = baseUrl;
        psi.Environment["Campaigns__Sending__DispatchInterval"] = "00:00:00.200";
        psi.Environment["Campaigns__Web__StaticWebAssets"] = "true";
        foreach (var (key, value) in settings)
        {
            psi.Environment[key] = value;
        }

        var process = Process.Start(psi)!;
        var app = new WebAppProcess(process, baseUrl, data);
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient();
        for (var i = 0; i < 300; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The web app exited with {process.ExitCode}:\n{app.Log}");
            }

            try
            {
                if ((await http.GetAsync(new Uri(baseUrl + "/healthz"))).IsSuccessStatusCode)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The web app did not answer /healthz:\n{app.Log}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 500 && _output.TryDequeue(out _))
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
