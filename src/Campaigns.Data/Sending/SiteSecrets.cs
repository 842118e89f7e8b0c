using System.Security.Cryptography;
using Campaigns.Data.Infrastructure;
using Dapper;

namespace Campaigns.Data.Sending;

/// <summary>
/// Keys the site makes for itself the first time it needs them, kept in the database so every process of a
/// fleet signs and checks tracking tokens and VERP addresses with the same key.
/// </summary>
public sealed class SiteSecrets(Database db)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> _cache = new(StringComparer.Ordinal);

    public async Task<byte[]> GetKeyAsync(string name, CancellationToken cancellationToken = default)
    {
        if (_cache.TryGetValue(name, out var cached))
        {
            return cached;
        }

        {

            await using var connection = await db.OpenAsync(cancellationToken);
            var candidate = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            // Whoever inserts first wins; everyone reads the winner's key.
            await connection.ExecuteAsync(new CommandDefinition(db.Pick(
                "INSERT INTO app_secrets (name, value) VALUES (@name, @candidate) ON CONFLICT DO NOTHING",
                "INSERT INTO app_secrets (name, value) SELECT @name, @candidate WHERE NOT EXISTS (SELECT 1 FROM app_secrets WITH (UPDLOCK, HOLDLOCK) WHERE name = @name)"),
                new { name, candidate }, cancellationToken: cancellationToken));
            var value = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
                "SELECT value FROM app_secrets WHERE name = @name", new { name }, cancellationToken: cancellationToken));
            var key = Convert.FromBase64String(value!);
            _cache[name] = key;
            return key;
        }
    }
}
