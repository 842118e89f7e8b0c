using Campaigns.Core.Subscribers;

namespace Campaigns.Core.Import;

public sealed record NewSubscriberRow(string Email, string Key, string Name, string AttributesJson, SubscriberStatus Status);
