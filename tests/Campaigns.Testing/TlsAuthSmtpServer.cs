using System.Diagnostics;

namespace Campaigns.Testing;

/// <summary>
/// A real SMTP server that requires STARTTLS (or speaks implicit TLS) and AUTH: aiosmtpd from Debian's
/// python3-aiosmtpd with a self-signed certificate made by openssl. Installed by the test command.
/// </summary>
public sealed class TlsAuthSmtpServer : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private TlsAuthSmtpServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string MailDirectory => Path.Combine(_directory, "mail");

    public int Received => Directory.GetFiles(MailDirectory).Length;

    public static async Task<TlsAuthSmtpServer> StartAsync(bool implicitTls, string user, string password)
    {
        var dir = Path.Combine(Path.GetTempPath(), "campaigns-tls-smtp", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "mail"));
        using (var openssl = Process.Start(new ProcessStartInfo("openssl",
                   ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-keyout", Path.Combine(dir, "key.pem"), "-out", Path.Combine(dir, "cert.pem")]) { RedirectStandardError = true, RedirectStandardOutput = true })!)
        {
            await openssl.WaitForExitAsync();
        }

        var port = SmtpSink.FreePort();
        var script = Path.Combine(AppContext.BaseDirectory, "Scripts", "tls_auth_smtpd.py");
        var psi = new ProcessStartInfo("/usr/bin/python3", [script, port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Path.Combine(dir, "cert.pem"), Path.Combine(dir, "key.pem"), implicitTls ? "implicit" : "starttls", user, password, Path.Combine(dir, "mail")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(psi)!;
        var ready = await process.StandardOutput.ReadLineAsync();
        if (ready != "ready")
        {
            throw new InvalidOperationException($"aiosmtpd did not start (python3-aiosmtpd is installed by the test command): {await process.StandardError.ReadToEndAsync()}");
        }

        return new TlsAuthSmtpServer(process, dir, port);
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
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
