using Campaigns.Core.Feedback;
using Campaigns.Core.Reports;
using Campaigns.Core.Sending;

namespace Campaigns.Web.Reports;

/// <summary>Everything a campaign's report page and CSV show, read at <see cref="CampaignProgress.At"/>.</summary>
public sealed record CampaignReport(
    Campaign Campaign,
    CampaignProgress Progress,
    CampaignEngagement Engagement,
    IReadOnlyDictionary<string, long> Bounces,
    IReadOnlyList<EngagementPoint> Timeline,
    string TimelineUnit,
    IReadOnlyList<DomainReport> Domains)
{
    public long BounceCount(string kind) => Bounces.GetValueOrDefault(kind);

    public double Rate(long part) => Progress.Sent == 0 ? 0 : (double)part / Progress.Sent;
}
