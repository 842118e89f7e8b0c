using Campaigns.Core.Subscribers;

namespace Campaigns.Core.Import;

/// <param name="ListId">The list the rows go into.</param>
/// <param name="FileName">Shown in the import history.</param>
/// <param name="Columns">Overrides of the automatic header mapping, by header text (case-insensitive).</param>
/// <param name="Delimiter">A fixed delimiter; null detects comma, semicolon or tab.</param>
/// <param name="NewMembershipStatus">Status of new memberships; null means confirmed on single opt-in lists, unconfirmed on double.</param>
public sealed record ImportOptions(
    long ListId,
    ImportMode Mode = ImportMode.Add,
    string FileName = "",
    IReadOnlyDictionary<string, ColumnTarget>? Columns = null,
    string? Delimiter = null,
    MembershipStatus? NewMembershipStatus = null)
{
    /// <summary>Rows per transaction: a failure or cancel rolls back at most this many.</summary>
    public int BatchSize { get; init; } = 5000;

    /// <summary>Bad-row details kept in the report; the rest are stored and can be downloaded.</summary>
    public int MaxDetails { get; init; } = 1000;
}
