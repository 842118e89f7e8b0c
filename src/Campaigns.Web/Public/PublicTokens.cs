using Campaigns.Data.Sending;
using Campaigns.Mail.Tracking;

namespace Campaigns.Web.Public;

/// <summary>Reads the tokens of public links with the site's own key (the one the senders signed them with).</summary>
public sealed class PublicTokens(SiteSecrets secrets)
{
    private TrackingTokenCodec? _codec;

    public async ValueTask<TrackingToken?> ReadAsync(string token, TrackingKind expected, CancellationToken cancellationToken)
    {
        _codec ??= new TrackingTokenCodec(await secrets.GetKeyAsync("tracking", cancellationToken));
        return _codec.TryDecode(token, out var decoded) && decoded.Kind == expected && decoded.SubscriberId > 0 ? decoded : null;
    }
}
