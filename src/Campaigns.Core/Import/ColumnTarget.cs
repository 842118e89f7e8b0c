namespace Campaigns.Core.Import;

/// <summary>What a CSV column feeds.</summary>
public enum ColumnTarget
{
    Email,
    Name,
    FirstName,
    LastName,

    /// <summary>A column of JSON objects (listmonk exports one) merged into the attributes.</summary>
    AttributesJson,
    Attribute,
    Ignore,
}
