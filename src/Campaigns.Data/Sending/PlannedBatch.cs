namespace Campaigns.Data.Sending;

/// <summary>Recipients that go out together; <see cref="Domain"/> is '' for a batch of several small domains.</summary>
public sealed record PlannedBatch(string Domain, IReadOnlyList<PlannedRecipient> Recipients);
