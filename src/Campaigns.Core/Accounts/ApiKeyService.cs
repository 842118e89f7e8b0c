using System.Security.Cryptography;
using System.Text;
using Campaigns.Core.Common;

namespace Campaigns.Core.Accounts;

/// <summary>
/// API keys: <c>cmp_PREFIX_SECRET</c> with 128-bit random secrets, stored as a SHA-256 of the secret (a fast hash
/// is enough for random secrets; slow hashes are for passwords people choose), checked in constant time.
/// </summary>
public sealed class ApiKeyService(IApiKeyStore store, IClock clock)
{
    private const string TokenStart = "cmp_";

    // Last use is written at most once a minute per key, not on every request.
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    public async Task<CreatedApiKey> CreateAsync(string name, IReadOnlyCollection<string> scopes, User creator, CancellationToken cancellationToken = default)
    {
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length is 0 or > 200 || trimmed.Any(char.IsControl))
        {
            throw new ValidationException("Give the key a name of 1 to 200 characters.", "name");
        }

        var chosen = (scopes ?? []).Distinct(StringComparer.Ordinal).ToArray();
        if (chosen.Length == 0)
        {
            throw new ValidationException("Choose at least one scope.", "scopes");
        }

        var allowed = ApiScopes.AllowedFor(creator.Role);
        if (chosen.FirstOrDefault(s => !allowed.Contains(s)) is { } refused)
        {
            throw new ValidationException($"'{refused}' is not a scope you can grant.", "scopes");
        }

        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var key = await store.CreateAsync(trimmed, prefix, Hash(secret), chosen, creator.Id, clock.UtcNow, cancellationToken);
        return new CreatedApiKey(key, $"{TokenStart}{prefix}_{secret}");
    }

    /// <summary>The key a token belongs to, or null when it is malformed, unknown, wrong or revoked.</summary>
    public async Task<ApiKey?> AuthenticateAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (token is null || token.Length > 100 || !token.StartsWith(TokenStart, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = token[TokenStart.Length..].Split('_', 2);
        if (parts.Length != 2 || parts[0].Length != 8)
        {
            return null;
        }

        var found = await store.FindByPrefixAsync(parts[0], cancellationToken);
        if (found is not { } hit || hit.Key.IsRevoked)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(parts[1])), Encoding.ASCII.GetBytes(hit.SecretHash)))
        {
            return null;
        }

        var now = clock.UtcNow;
        if (hit.Key.LastUsedAt is not { } last || now - last > TouchInterval)
        {
            await store.TouchAsync(hit.Key.Id, now, cancellationToken);
        }

        return hit.Key;
    }

    public Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default) => store.ListAsync(cancellationToken);

    public async Task RevokeAsync(long id, CancellationToken cancellationToken = default)
    {
        if (!await store.RevokeAsync(id, clock.UtcNow, cancellationToken))
        {
            throw new NotFoundException($"API key {id} does not exist or is already revoked.");
        }
    }

    private static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
