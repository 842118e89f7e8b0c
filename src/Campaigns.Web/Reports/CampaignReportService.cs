using Campaigns.Core.Feedback;
using Campaigns.Core.Reports;
using Campaigns.Core.Sending;

namespace Campaigns.Web.Reports;

/// <summary>Puts a campaign's report together from the ledger (progress), the tracking events and the bounces.</summary>
public sealed class CampaignReportService(ICampaignStore campaigns, ICampaignControl control, ITrackingEventStore events, IReportStore reports)
{
    public async Task<CampaignReport?> GetAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        if (await campaigns.GetAsync(campaignId, cancellationToken) is not { } campaign)
        {
            return null;
        }

        var progress = await control.GetProgressAsync(campaignId, cancellationToken);
        var engagement = await events.GetEngagementAsync(campaignId, cancellationToken);
        var bounces = await reports.BouncesByKindAsync(campaignId, cancellationToken);
        var timeline = Timeline.Bucket(await reports.EngagementPerMinuteAsync(campaignId, cancellationToken), out var unit);
        var domains = await reports.DomainsAsync(campaignId, cancellationToken: cancellationToken);
        return new CampaignReport(campaign, progress, engagement, bounces, timeline, unit, domains);
    }
}
