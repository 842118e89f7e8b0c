namespace Campaigns.Core.Suppressions;

public interface ISuppressionStore
{
    /// <summary>Adds a suppression, or updates the reason of an existing one.</summary>
    Task<Suppression> AddAsync(SuppressionKind kind, string value, string reason, CancellationToken cancellationToken = default);

    Task<bool> RemoveAsync(SuppressionKind kind, string value, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Suppression>> ListAsync(int offset = 0, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>The suppression that covers a normalized address (by address or by its domain), if any.</summary>
    Task<Suppression?> FindForAsync(string emailKey, CancellationToken cancellationToken = default);
}
