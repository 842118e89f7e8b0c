namespace Campaigns.Data.Sending;

public readonly record struct PlannedRecipient(long SubscriberId, string Domain);
