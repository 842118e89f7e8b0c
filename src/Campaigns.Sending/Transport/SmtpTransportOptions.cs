namespace Campaigns.Sending.Transport;

/// <summary>Configuration section <c>Campaigns:Smtp</c>: the servers of the pool, or a pickup folder when there are none.</summary>
public sealed class SmtpTransportOptions
{
    public const string Section = "Campaigns:Smtp";

    public List<SmtpServerOptions> Servers { get; set; } = [];

    /// <summary>Where .eml files go when no server is configured; default: the data folder's pickup/.</summary>
    public string? PickupFolder { get; set; }

    /// <summary>An idle pooled connection is closed after this long.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A server that refused a connection gets no new sessions for this long.</summary>
    public TimeSpan CoolDown { get; set; } = TimeSpan.FromSeconds(15);
}
