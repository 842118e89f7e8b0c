namespace Campaigns.Core.Export;

public interface IListExportSource
{
    /// <summary>Every attribute name used by a member of the list, sorted.</summary>
    Task<IReadOnlyList<string>> GetAttributeKeysAsync(long listId, CancellationToken cancellationToken = default);

    /// <summary>The list's members in a stable order, streamed from the database.</summary>
    IAsyncEnumerable<ExportRow> ReadMembersAsync(long listId, CancellationToken cancellationToken = default);
}
