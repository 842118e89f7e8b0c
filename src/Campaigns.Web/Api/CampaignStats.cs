using Campaigns.Core.Feedback;
using Campaigns.Core.Sending;

namespace Campaigns.Web.Api;

/// <summary>A campaign's numbers: delivery from the ledger, engagement from the tracking events, bounces by kind.</summary>
public sealed record CampaignStats(CampaignProgress Progress, CampaignEngagement Engagement, IReadOnlyDictionary<string, long> Bounces);
