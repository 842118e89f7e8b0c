namespace Campaigns.Core.Sending;

/// <summary>The bus message: a batch of one campaign's ledger rows, named by ids only; content is read by the worker.</summary>
public sealed record SendBatch(long CampaignId, long BatchId, string Domain);
