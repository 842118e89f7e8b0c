namespace Campaigns.Core.Common;

/// <summary>A named thing (a list, a subscriber, an import) does not exist.</summary>
public sealed class NotFoundException(string message) : Exception(message);
