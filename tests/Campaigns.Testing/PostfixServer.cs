using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Campaigns.Testing;

/// <summary>
/// A real Postfix (Debian's postfix package) as a second instance with its own configuration, on a free loopback
/// port. It accepts mail for <c>users.test</c> at SMTP time and fails local delivery to unknown users, so its
/// bounce daemon writes a real DSN (RFC 3464) to the envelope sender; mail for <c>bounce.test</c> is delivered
/// into a Maildir (Dovecot's), as a real bounce mailbox; mail for <c>discard.test</c> is accepted and discarded.
/// Nothing leaves the machine. Needs root.
/// </summary>
public sealed partial class PostfixServer : IDisposable
{
    public const string UsersDomain = "users.test";
    public const string BounceDomain = "bounce.test";

    /// <summary>Mail for this domain is accepted and thrown away by Postfix's discard transport: a realistic receiver for load.</summary>
    public const string DiscardDomain = "discard.test";

    // postfix -c only accepts configuration folders named in the default main.cf, so the instance's is fixed.
    private const string Root = "/tmp/campaigns-postfix";
    private static readonly string Config = Path.Combine(Root, "conf");

    private static readonly string DiscardTransport = "inline:{ " + DiscardDomain + "=discard: }";

    private readonly FileStream _lock;

    private PostfixServer(int port, FileStream instanceLock)
    {
        Port = port;
        _lock = instanceLock;
    }

    public int Port { get; }

    /// <summary>How many messages the discard transport has taken, from Postfix's own log.</summary>
    public int Discarded => Log.Split('\n').Count(l => l.Contains("postfix/discard[", StringComparison.Ordinal) && l.Contains("status=sent", StringComparison.Ordinal));

    public string Log => File.Exists(Path.Combine(Root, "maillog")) ? File.ReadAllText(Path.Combine(Root, "maillog")) : "";

    /// <param name="maildirBase">The folder holding <paramref name="mailbox"/>/Maildir, which receives all mail for bounce.test.</param>
    /// <summary>Where a Dovecot started after this server serves SASL for it (<see cref="StartAsync"/> with <c>requireTlsAndAuth</c>).</summary>
    public static string SaslSocket => Path.Combine(Root, "sasl-auth");

    /// <param name="requireTlsAndAuth">
    /// Require STARTTLS (a self-signed certificate) and SASL AUTH (through Dovecot at <see cref="SaslSocket"/>) before
    /// accepting any mail, as a submission server does.
    /// </param>
    public static async Task<PostfixServer> StartAsync(string maildirBase, string mailbox, string uid, string gid, bool requireTlsAndAuth = false)
    {
        if (!File.Exists("/usr/sbin/postfix"))
        {
            throw new InvalidOperationException("/usr/sbin/postfix is missing: the test command installs it (apt package postfix)");
        }

        // One instance on the machine at a time: test projects run in parallel, and the folder is fixed.
        var instanceLock = await LockAsync();
        try
        {
            return await StartLockedAsync(maildirBase, mailbox, uid, gid, requireTlsAndAuth, instanceLock);
        }
        catch
        {
            await instanceLock.DisposeAsync();
            throw;
        }
    }

    private static async Task<FileStream> LockAsync()
    {
        for (var i = 0; ; i++)
        {
            try
            {
                return new FileStream(Root + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (i < 3000)
            {
                await Task.Delay(100);
            }
        }
    }

    private static async Task<PostfixServer> StartLockedAsync(string maildirBase, string mailbox, string uid, string gid, bool requireTlsAndAuth, FileStream instanceLock)
    {
        await RunAsync("/usr/sbin/postfix", "-c", Config, "stop"); // a previous run that did not clean up
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }

        foreach (var dir in new[] { Config, Path.Combine(Root, "queue"), Path.Combine(Root, "data") })
        {
            Directory.CreateDirectory(dir);
        }

        await RunAsync("/bin/chown", "postfix", Path.Combine(Root, "data"));
        await AllowInstanceAsync();
        var port = SmtpSink.FreePort();
        await File.WriteAllTextAsync(Path.Combine(Config, "master.cf"), MasterCf(await File.ReadAllTextAsync("/etc/postfix/master.cf"), port));
        await File.WriteAllTextAsync(Path.Combine(Config, "main.cf"), $"""
            compatibility_level = 3.6
            meta_directory = /etc/postfix
            queue_directory = {Root}/queue
            data_directory = {Root}/data
            maillog_file = {Root}/maillog
            maillog_file_prefixes = {Root}
            mail_owner = postfix
            setgid_group = postdrop
            myhostname = mx.{UsersDomain}
            mydomain = {UsersDomain}
            myorigin = $myhostname
            mydestination = {UsersDomain}
            local_recipient_maps =
            alias_maps =
            alias_database =
            virtual_mailbox_domains = {BounceDomain}
            virtual_mailbox_base = {maildirBase}
            virtual_mailbox_maps = static:{mailbox}/Maildir/
            virtual_uid_maps = static:{uid}
            virtual_gid_maps = static:{gid}
            inet_interfaces = 127.0.0.1
            inet_protocols = ipv4
            mynetworks = 127.0.0.0/8
            smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
            transport_maps = {DiscardTransport}
            default_transport = error:no mail leaves this test server
            """ + (requireTlsAndAuth ? await TlsAndAuthAsync() : ""));
        var (code, output) = await RunAsync("/usr/sbin/postfix", "-c", Config, "start");
        if (code != 0)
        {
            throw new InvalidOperationException($"postfix did not start ({code}): {output}\n{File.ReadAllText(Path.Combine(Root, "maillog"))}");
        }

        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return new PostfixServer(port, instanceLock);
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException("postfix does not listen");
    }

    private static async Task<string> TlsAndAuthAsync()
    {
        var (code, output) = await RunAsync("/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=mx.users.test",
            "-keyout", Path.Combine(Config, "key.pem"), "-out", Path.Combine(Config, "cert.pem"));
        if (code != 0)
        {
            throw new InvalidOperationException($"openssl failed: {output}");
        }

        // Nobody relays by address (mynetworks names no host here): only an authenticated client may send.
        return $"""

            smtpd_tls_cert_file = {Config}/cert.pem
            smtpd_tls_key_file = {Config}/key.pem
            smtpd_tls_security_level = encrypt
            smtpd_tls_auth_only = yes
            smtpd_tls_loglevel = 1
            smtpd_sasl_auth_enable = yes
            smtpd_sasl_type = dovecot
            smtpd_sasl_path = {SaslSocket}
            mynetworks = 192.0.2.1/32
            smtpd_relay_restrictions = permit_sasl_authenticated, reject
            smtpd_recipient_restrictions = permit_sasl_authenticated, reject
            """;
    }

    /// <summary>Debian's master.cf with every service out of chroot (the instance lives in /tmp) and smtpd on our port.</summary>
    private static string MasterCf(string debian, int port) => string.Join('\n', debian.Split('\n').Select(line =>
    {
        var m = ServiceLine().Match(line);
        if (!m.Success)
        {
            return line;
        }

        var parts = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        parts[4] = "n";
        if (parts[0] == "smtp" && parts[1] == "inet")
        {
            parts[0] = $"127.0.0.1:{port}";
        }

        return string.Join(' ', parts);
    })) + "\n";

    /// <summary>Names the instance's folder in the default main.cf (creating it on a machine where Postfix was installed unconfigured).</summary>
    private static async Task AllowInstanceAsync()
    {
        const string main = "/etc/postfix/main.cf";
        if (!File.Exists(main))
        {
            await File.WriteAllTextAsync(main, $"compatibility_level = 3.6\nalternate_config_directories = {Config}\n");
            return;
        }

        var (_, current) = await RunAsync("/usr/sbin/postconf", "-h", "alternate_config_directories");
        if (!current.Contains(Config, StringComparison.Ordinal))
        {
            var value = string.IsNullOrWhiteSpace(current) ? Config : $"{current.Trim()}, {Config}";
            await RunAsync("/usr/sbin/postconf", "-e", $"alternate_config_directories = {value}");
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }

    public void Dispose()
    {
        RunAsync("/usr/sbin/postfix", "-c", Config, "stop").GetAwaiter().GetResult();
        _lock.Dispose();
    }

    [GeneratedRegex(@"^\S+\s+(inet|unix|unix-dgram|fifo|pass)\s+\S+\s+\S+\s+\S+")]
    private static partial Regex ServiceLine();
}
