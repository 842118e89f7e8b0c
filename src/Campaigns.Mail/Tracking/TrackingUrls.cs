namespace Campaigns.Mail.Tracking;

/// <summary>The public URLs of one site (its base URL, as readers' mail clients reach it) for tokens.</summary>
public sealed class TrackingUrls(string publicBaseUrl, TrackingTokenCodec codec)
{
    private readonly string _base = publicBaseUrl.TrimEnd('/');

    public string BaseUrl => _base;

    public TrackingTokenCodec Codec => codec;

    public string Open(long campaignId, long subscriberId) => $"{_base}/o/{codec.Encode(new(TrackingKind.Open, campaignId, subscriberId))}";

    public string Click(long campaignId, long subscriberId, long linkId) => $"{_base}/c/{codec.Encode(new(TrackingKind.Click, campaignId, subscriberId, linkId))}";

    public string Unsubscribe(long campaignId, long subscriberId) => $"{_base}/u/{codec.Encode(new(TrackingKind.Unsubscribe, campaignId, subscriberId))}";

    public string Preferences(long campaignId, long subscriberId) => $"{_base}/p/{codec.Encode(new(TrackingKind.Preferences, campaignId, subscriberId))}";

    public string View(long campaignId, long subscriberId) => $"{_base}/v/{codec.Encode(new(TrackingKind.View, campaignId, subscriberId))}";
}
