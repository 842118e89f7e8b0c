namespace Campaigns.Core.Lists;

public interface IListStore
{
    /// <summary>Creates a list; throws <see cref="Common.ValidationException"/> when the name is taken.</summary>
    Task<MailingList> CreateAsync(NewList list, CancellationToken cancellationToken = default);

    Task<MailingList?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Finds a list by name, ignoring case.</summary>
    Task<MailingList?> FindByNameAsync(string name, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ListSummary>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes a list and its memberships; subscribers themselves stay.</summary>
    Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default);
}
