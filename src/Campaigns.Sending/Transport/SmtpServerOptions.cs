namespace Campaigns.Sending.Transport;

/// <summary>One SMTP server of the pool (<c>Campaigns:Smtp:Servers:N</c>).</summary>
public sealed class SmtpServerOptions
{
    public string Name { get; set; } = "";

    public string Host { get; set; } = "";

    public int Port { get; set; } = 25;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTlsWhenAvailable;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Share of new sessions this server gets relative to the others.</summary>
    public int Weight { get; set; } = 1;

    public int MaxConnections { get; set; } = 5;

    /// <summary>A connection is closed and opened again after this many messages.</summary>
    public int MessagesPerConnection { get; set; } = 1000;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The name this host gives in EHLO; the machine's name when empty.</summary>
    public string? HeloName { get; set; }

    /// <summary>For development and test servers with self-signed certificates only.</summary>
    public bool AcceptAnyCertificate { get; set; }

    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? $"{Host}:{Port}" : Name;

    public override string ToString() => $"{DisplayName} ({Host}:{Port}, {Security}{(Username is null ? "" : $", user {Username}")})"; // never the password
}
