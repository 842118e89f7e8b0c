namespace Campaigns.Core.Import;

/// <param name="Name">The new name, or empty to keep the current one.</param>
/// <param name="AttributesJson">Merged into the current attributes, key by key.</param>
public sealed record SubscriberUpdateRow(string Key, string Name, string AttributesJson);
