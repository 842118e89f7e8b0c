namespace Campaigns.Data.Sending;

public sealed record PendingBatch(long Id, long CampaignId, string Domain);
