namespace Campaigns.Core.Import;

/// <param name="Index">Zero-based column index in the file.</param>
/// <param name="Header">The header as written in the file.</param>
/// <param name="AttributeKey">For <see cref="ColumnTarget.Attribute"/>: the attribute's name (unique in the mapping).</param>
public sealed record ColumnMapping(int Index, string Header, ColumnTarget Target, string AttributeKey = "");
