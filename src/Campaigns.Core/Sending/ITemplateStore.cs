namespace Campaigns.Core.Sending;

public interface ITemplateStore
{
    Task<LayoutTemplate> SaveAsync(long? id, string name, string body, CancellationToken cancellationToken = default);

    Task<LayoutTemplate?> GetAsync(long id, CancellationToken cancellationToken = default);

    Task<LayoutTemplate?> FindByNameAsync(string name, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<LayoutTemplate>> ListAsync(CancellationToken cancellationToken = default);
}
