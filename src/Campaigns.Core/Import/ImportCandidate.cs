using Campaigns.Core.Subscribers;

namespace Campaigns.Core.Import;

/// <summary>A row that passed the checks of the file itself, waiting for the database's view of it.</summary>
/// <param name="AttributesJson">A JSON object; empty cells are left out so they never wipe existing data.</param>
public sealed record ImportCandidate(long Line, NormalizedEmail Email, string Name, string AttributesJson);
