namespace Campaigns.Sending.Bounces;

/// <summary>The bounce mailbox (<c>Campaigns:Bounces:Imap</c>); off while <see cref="Host"/> is empty.</summary>
public sealed class BounceMailboxOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 993;

    /// <summary>None, StartTls, SslOnConnect or Auto.</summary>
    public string Security { get; set; } = "Auto";

    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    public string Folder { get; set; } = "INBOX";

    /// <summary>Where processed messages are moved (created when missing); they are never deleted.</summary>
    public string ProcessedFolder { get; set; } = "Processed";

    /// <summary>How often to look when the server has no IDLE, and the longest an IDLE waits before looking anyway.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>For development servers with self-signed certificates only.</summary>
    public bool AcceptAnyCertificate { get; set; }

    public override string ToString() => $"{Username}@{Host}:{Port}/{Folder}"; // never the password
}
