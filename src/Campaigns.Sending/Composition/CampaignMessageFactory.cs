using System.Collections.Concurrent;
using Campaigns.Core.Common;
using Campaigns.Core.Lists;
using Campaigns.Core.Sending;
using Campaigns.Data.Sending;
using Campaigns.Mail.Dkim;
using Campaigns.Mail.Messages;
using Campaigns.Mail.Templates;
using Campaigns.Mail.Tracking;
using Microsoft.Extensions.Options;

namespace Campaigns.Sending.Composition;

/// <summary>Prepares each campaign once per process and keeps it while its batches arrive.</summary>
public sealed class CampaignMessageFactory(
    ICampaignStore campaigns,
    ITemplateStore templates,
    IListStore lists,
    DkimKeyStore dkimKeys,
    SiteSecrets secrets,
    CampaignLinkStore links,
    TemplateEngine engine,
    IClock clock,
    IOptions<SendingOptions> options)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<long, (Lazy<Task<PreparedCampaign>> Task, DateTimeOffset At)> _cache = new();

    public Task<PreparedCampaign> GetAsync(long campaignId, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var entry = _cache.AddOrUpdate(
            campaignId,
            id => (new Lazy<Task<PreparedCampaign>>(() => PrepareAsync(id, CancellationToken.None)), now),
            (id, old) => now - old.At < KeepFor && !old.Task.Value.IsFaulted ? old : (new Lazy<Task<PreparedCampaign>>(() => PrepareAsync(id, CancellationToken.None)), now));
        return entry.Task.Value.WaitAsync(cancellationToken);
    }

    public async Task<PreparedCampaign> PrepareAsync(long campaignId, CancellationToken cancellationToken)
    {
        var campaign = await campaigns.GetAsync(campaignId, cancellationToken) ?? throw new NotFoundException($"Campaign {campaignId} does not exist.");
        var layout = campaign.TemplateId is { } templateId ? (await templates.GetAsync(templateId, cancellationToken))?.Body : null;
        var newsletter = await PreparedNewsletter.PrepareAsync(engine, campaign.Subject, layout ?? "{{ content }}", campaign.Body, cancellationToken: cancellationToken);
        var o = options.Value;
        var trackingKey = await secrets.GetKeyAsync("tracking", cancellationToken);
        var urls = new TrackingUrls(o.PublicUrl, new TrackingTokenCodec(trackingKey));
        var fromDomain = campaign.FromAddress[(campaign.FromAddress.LastIndexOf('@') + 1)..].ToLowerInvariant();
        var bounceDomain = string.IsNullOrWhiteSpace(o.BounceDomain) ? null : o.BounceDomain.Trim().ToLowerInvariant();
        var verp = bounceDomain is null ? null : new VerpAddress(await secrets.GetKeyAsync("verp", cancellationToken), o.BouncePrefix, bounceDomain);
        var firstList = campaign.ListIds.Count > 0 ? await lists.GetAsync(campaign.ListIds[0], cancellationToken) : null;
        var listId = $"{HeaderText.Clean(firstList?.Name ?? campaign.Name)} <list-{firstList?.Id ?? campaign.Id}.{fromDomain}>";
        var signers = (await dkimKeys.ListWithPrivateKeysAsync(cancellationToken))
            .Where(k => string.Equals(k.Domain, fromDomain, StringComparison.OrdinalIgnoreCase))
            .Select(k => new DkimMessageSigner(new DkimKey(k.Domain, k.Selector,
                k.Algorithm == "ed25519" ? DkimAlgorithm.Ed25519 : DkimAlgorithm.Rsa2048, k.PrivateKeyPem, k.PublicKeyBase64)))
            .ToList();
        return new PreparedCampaign(campaign, newsletter, urls, verp, bounceDomain, listId, signers, links);
    }
}
