namespace Campaigns.Core.Accounts;

public interface IApiKeyStore
{
    Task<ApiKey> CreateAsync(string name, string prefix, string secretHash, IReadOnlyList<string> scopes, long? createdBy, DateTimeOffset at,
        CancellationToken cancellationToken = default);

    /// <summary>The key with that prefix and its secret's hash.</summary>
    Task<(ApiKey Key, string SecretHash)?> FindByPrefixAsync(string prefix, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default);

    Task<bool> RevokeAsync(long id, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task TouchAsync(long id, DateTimeOffset at, CancellationToken cancellationToken = default);
}
