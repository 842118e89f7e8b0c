using System.Diagnostics;

namespace Campaigns.Testing;

/// <summary>
/// A real IMAP server for the bounce mailbox tests: Dovecot (Debian dovecot-imapd) run by hand with its own
/// configuration, one passwd-file user and a Maildir in a temporary folder, on a free loopback port.
/// </summary>
public sealed class DovecotServer : IDisposable
{
    public const string User = "bounces";
    public const string Password = "bounce-secret";

    private readonly string _directory;
    private readonly string _config;

    private DovecotServer(string directory, string config, int port)
    {
        _directory = directory;
        _config = config;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The folder holding each user's Maildir (the user's is <c>User/Maildir</c>), for a real MTA to deliver into.</summary>
    public string MailDirectory => Path.Combine(_directory, "mail");

    /// <param name="saslSocket">Also serve SASL authentication on this UNIX socket, for Postfix's smtpd (<c>smtpd_sasl_type = dovecot</c>).</param>
    public static async Task<DovecotServer> StartAsync(string? saslSocket = null)
    {
        if (!File.Exists("/usr/sbin/dovecot"))
        {
            throw new InvalidOperationException("/usr/sbin/dovecot is missing: the test command installs it (apt package dovecot-imapd)");
        }

        var dir = Path.Combine(Path.GetTempPath(), "campaigns-dovecot", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(dir, "run"));
        Directory.CreateDirectory(Path.Combine(dir, "mail"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(dir, "mail"), (UnixFileMode)0x1FF);
        }

        var port = SmtpSink.FreePort();
        var (uid, gid) = (await IdAsync("-u", "nobody"), await IdAsync("-g", "nobody"));
        await File.WriteAllTextAsync(Path.Combine(dir, "passwd"), $"{User}:{{PLAIN}}{Password}:{uid}:{gid}::{Path.Combine(dir, "mail", User)}\n");
        var config = Path.Combine(dir, "dovecot.conf");
        await File.WriteAllTextAsync(config, $$"""
            protocols = imap
            listen = 127.0.0.1
            base_dir = {{dir}}/run
            state_dir = {{dir}}/run
            instance_name = campaigns-{{port}}
            log_path = {{dir}}/dovecot.log
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            mail_location = maildir:~/Maildir
            default_internal_user = nobody
            default_login_user = nobody
            default_internal_group = nogroup
            first_valid_uid = 0
            passdb {
              driver = passwd-file
              args = {{dir}}/passwd
            }
            userdb {
              driver = passwd-file
              args = {{dir}}/passwd
            }
            service imap-login {
              chroot =
              inet_listener imap {
                address = 127.0.0.1
                port = {{port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service anvil {
              chroot =
            }
            """ + (saslSocket is null ? "" : $$"""

            service auth {
              unix_listener {{saslSocket}} {
                mode = 0666
              }
            }
            """));
        using (var start = Process.Start(new ProcessStartInfo("/usr/sbin/dovecot", ["-c", config]) { RedirectStandardError = true })!)
        {
            await start.WaitForExitAsync();
            if (start.ExitCode != 0)
            {
                throw new InvalidOperationException($"dovecot did not start: {await start.StandardError.ReadToEndAsync()}");
            }
        }

        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return new DovecotServer(dir, config, port);
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException("dovecot does not listen");
    }

    private static async Task<string> IdAsync(string flag, string user)
    {
        using var id = Process.Start(new ProcessStartInfo("id", [flag, user]) { RedirectStandardOutput = true })!;
        var output = await id.StandardOutput.ReadToEndAsync();
        await id.WaitForExitAsync();
        return output.Trim();
    }

    public void Dispose()
    {
        using (var stop = Process.Start(new ProcessStartInfo("/usr/bin/doveadm", ["-c", _config, "stop"]) { RedirectStandardError = true, RedirectStandardOutput = true }))
        {
            stop?.WaitForExit(10_000);
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
