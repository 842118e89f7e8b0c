namespace Campaigns.Sending.Transport;

public enum SmtpSecurity
{
    /// <summary>Plain text (a local relay or a test sink).</summary>
    None,

    /// <summary>STARTTLS, required: refuse to send in the clear.</summary>
    StartTls,

    /// <summary>STARTTLS when the server offers it.</summary>
    StartTlsWhenAvailable,

    /// <summary>Implicit TLS from the first byte (port 465).</summary>
    SslOnConnect,
}
