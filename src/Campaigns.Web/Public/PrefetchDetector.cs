using System.Net;

namespace Campaigns.Web.Public;

/// <summary>
/// Tells opens fetched by a mail provider ahead of the reader. Apple Mail Privacy Protection loads every image
/// through Apple's proxies (addresses in 17.0.0.0/8) with a bare "Mozilla/5.0" user agent; security scanners
/// announce themselves in theirs. Gmail's and Yahoo's image proxies fetch when the reader opens, so they count.
/// </summary>
public static class PrefetchDetector
{
    private static readonly string[] Scanners = ["barracuda", "mimecast", "proofpoint", "symantec", "messagelabs", "bot", "crawler", "spider", "scanner"];

    public static bool IsPrefetch(IPAddress? remote, string? userAgent)
    {
        var agent = (userAgent ?? "").Trim();
        if (remote is not null)
        {
            var ip = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
            if (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && ip.GetAddressBytes()[0] == 17 && agent is "Mozilla/5.0" or "")
            {
                return true;
            }
        }

        return Scanners.Any(s => agent.Contains(s, StringComparison.OrdinalIgnoreCase));
    }
}
