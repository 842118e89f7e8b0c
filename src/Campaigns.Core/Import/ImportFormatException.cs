namespace Campaigns.Core.Import;

/// <summary>The file as a whole cannot be read as a subscriber CSV (empty, binary, no email column, broken quoting).</summary>
public sealed class ImportFormatException(string message) : Exception(message);
