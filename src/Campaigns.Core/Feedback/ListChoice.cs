namespace Campaigns.Core.Feedback;

/// <summary>A list in the preference centre: the reader's own lists, and the public ones they could join.</summary>
public sealed record ListChoice(long ListId, string Name, string Description, bool Subscribed);
