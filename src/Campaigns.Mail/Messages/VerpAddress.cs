using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Campaigns.Mail.Messages;

/// <summary>
/// The per-recipient return path <c>bounces+c{campaign}-s{subscriber}-{mac}@bounce-domain</c>: a bounce sent to
/// it names the campaign and the subscriber, and the keyed MAC means a forged address is recognized as such.
/// </summary>
public sealed partial class VerpAddress(byte[] key, string localPrefix, string bounceDomain)
{
    private const int MacBytes = 6;

    public string Encode(long campaignId, long subscriberId) =>
        $"{localPrefix}+c{campaignId}-s{subscriberId}-{Mac(campaignId, subscriberId)}@{bounceDomain}";

    /// <summary>The campaign and subscriber of a return path, or false when it is not ours or was altered.</summary>
    public bool TryDecode(string address, out long campaignId, out long subscriberId)
    {
        campaignId = subscriberId = 0;
        var m = Pattern().Match(address.Trim().Trim('<', '>'));
        if (!m.Success
            || !string.Equals(m.Groups["prefix"].Value, localPrefix, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(m.Groups["domain"].Value, bounceDomain, StringComparison.OrdinalIgnoreCase)
            || !long.TryParse(m.Groups["c"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var c)
            || !long.TryParse(m.Groups["s"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var s))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Mac(c, s));
        var actual = Encoding.ASCII.GetBytes(m.Groups["mac"].Value.ToLowerInvariant());
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            return false;
        }

        (campaignId, subscriberId) = (c, s);
        return true;
    }

    private string Mac(long campaignId, long subscriberId)
    {
        var hash = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"verp:{campaignId}:{subscriberId}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, MacBytes));
    }

    [GeneratedRegex(@"^(?<prefix>[^+@]+)\+c(?<c>\d{1,18})-s(?<s>\d{1,18})-(?<mac>[0-9a-fA-F]{12})@(?<domain>[^@]+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
