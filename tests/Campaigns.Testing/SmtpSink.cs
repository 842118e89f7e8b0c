using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Campaigns.Testing;

/// <summary>
/// Postfix's smtp-sink on a free loopback port, each received message dumped to a file of its own; extra
/// arguments inject faults (-r/-f reject commands with 4xx/5xx, -Q answers 421 and hangs up, -q hangs up, -W delays).
/// Installed by the test command (Debian package postfix).
/// </summary>
public sealed class SmtpSink : IDisposable
{
    public const string Path = "/usr/sbin/smtp-sink";

    private readonly Process _process;

    private SmtpSink(Process process, int port, string dumpDirectory)
    {
        _process = process;
        Port = port;
        DumpDirectory = dumpDirectory;
    }

    public int Port { get; }

    public string DumpDirectory { get; }

    /// <summary>Messages received so far (one dump file each).</summary>
    public int Received => Directory.GetFiles(DumpDirectory).Length;

    public static async Task<SmtpSink> StartAsync(params string[] faults)
    {
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException($"{Path} is missing: the test command installs it (apt package postfix)");
        }

        var port = FreePort();
        var dump = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "campaigns-smtp-sink", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dump);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dump, (UnixFileMode)0x1FF); // smtp-sink drops to 'nobody' and writes here
        }
        var psi = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Environment.UserName == "root")
        {
            psi.ArgumentList.Add("-u");
            psi.ArgumentList.Add("nobody");
        }

        foreach (var f in faults)
        {
            psi.ArgumentList.Add(f);
        }

        psi.ArgumentList.Add("-d");
        psi.ArgumentList.Add(System.IO.Path.Combine(dump, "%M%S."));
        psi.ArgumentList.Add($"127.0.0.1:{port}");
        psi.ArgumentList.Add("256");
        var process = Process.Start(psi)!;
        var sink = new SmtpSink(process, port, dump);
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return sink;
            }
            catch (SocketException)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"smtp-sink exited: {await process.StandardError.ReadToEndAsync()}");
                }

                await Task.Delay(50);
            }
        }

        sink.Dispose();
        throw new InvalidOperationException("smtp-sink did not start listening");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until <paramref name="count"/> messages arrived (dump files are written as the DATA ends).</summary>
    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (Received < count && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        try
        {
            Directory.Delete(DumpDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
