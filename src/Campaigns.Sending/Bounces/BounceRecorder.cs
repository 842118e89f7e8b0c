using Campaigns.Core.Common;
using Campaigns.Core.Feedback;
using Campaigns.Core.Subscribers;
using Campaigns.Core.Suppressions;
using Campaigns.Data.Feedback;
using Campaigns.Mail.Bounces;
using Campaigns.Sending.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Campaigns.Sending.Bounces;

/// <summary>
/// Records bounces and complaints and acts on them at once: a hard bounce or a complaint suppresses the
/// address (a complaint also unsubscribes it from the campaign's lists); soft bounces suppress it once there
/// are <see cref="BounceOptions.SoftLimit"/> of them within <see cref="BounceOptions.SoftWindow"/>; auto-replies
/// and unknowns are only recorded. A report recorded before (same source key) changes nothing.
/// </summary>
public sealed partial class BounceRecorder(
    BounceStore bounces,
    ISuppressionStore suppressions,
    IPreferenceStore preferences,
    IClock clock,
    IOptions<BounceOptions> options,
    SendingMetrics metrics,
    ILogger<BounceRecorder> logger)
{
    /// <summary>A 5xx reply during sending: final for this campaign and recipient, so one record per pair.</summary>
    public Task<bool> RecordSmtpFailureAsync(long campaignId, long subscriberId, string email, string reply, CancellationToken cancellationToken)
    {
        var c = BounceClassifier.ClassifyReply(reply);
        var kind = c.Kind is BounceKind.Hard or BounceKind.Soft ? c.Kind : BounceKind.Unknown;
        var status = StatusOf(reply);
        return RecordAsync(new BounceRecord(campaignId, subscriberId, email, KindName(kind), "smtp", status, $"{c.Reason}: {reply}", $"smtp:{campaignId}:{subscriberId}"), cancellationToken);
    }

    /// <summary>
    /// Records one bounce; true when it was new. <paramref name="act"/> false records without suppressing: for a
    /// report tied to us by nothing we signed or sent (anyone can mail the bounce address a made-up DSN).
    /// </summary>
    public async Task<bool> RecordAsync(BounceRecord record, CancellationToken cancellationToken, bool act = true)
    {
        if (!await bounces.AddAsync(record, cancellationToken))
        {
            return false;
        }

        metrics.Bounce(record.Kind, record.Source);
        if (!act || !EmailAddress.TryNormalize(record.Email, out var email, out _))
        {
            return true;
        }

        var campaign = record.CampaignId is { } id ? $" (campaign {id})" : "";
        switch (record.Kind)
        {
            case "hard":
                await SuppressAsync(email, $"hard bounce{campaign}: {record.Reason}", cancellationToken);
                break;
            case "complaint":
                await SuppressAsync(email, $"complaint{campaign}: {record.Reason}", cancellationToken);
                if (record.SubscriberId is { } subscriber)
                {
                    await preferences.UnsubscribeAsync(subscriber, record.CampaignId, everything: record.CampaignId is null, "complaint", cancellationToken);
                }

                break;
            case "soft":
                var o = options.Value;
                var recent = await bounces.SoftBouncesSinceAsync(record.Email, clock.UtcNow - o.SoftWindow, cancellationToken);
                if (recent >= o.SoftLimit)
                {
                    await SuppressAsync(email, $"{recent} soft bounces in {o.SoftWindow.TotalDays:0} days, the last{campaign}: {record.Reason}", cancellationToken);
                }

                break;
        }

        return true;
    }

    private async Task SuppressAsync(NormalizedEmail email, string reason, CancellationToken cancellationToken)
    {
        await suppressions.AddAsync(SuppressionKind.Address, email.Key, reason.Length > 900 ? reason[..900] : reason, cancellationToken);
        LogSuppressed(reason);
    }

    public static string KindName(BounceKind kind) => kind switch
    {
        BounceKind.Hard => "hard",
        BounceKind.Soft => "soft",
        BounceKind.Complaint => "complaint",
        BounceKind.AutoReply => "autoreply",
        _ => "unknown",
    };

    private static string? StatusOf(string reply)
    {
        var m = Status().Match(reply);
        return m.Success ? m.Value : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b[245]\.\d{1,3}\.\d{1,3}\b")]
    private static partial System.Text.RegularExpressions.Regex Status();

    [LoggerMessage(Level = LogLevel.Information, Message = "Address suppressed: {Reason}")]
    private partial void LogSuppressed(string reason);
}
