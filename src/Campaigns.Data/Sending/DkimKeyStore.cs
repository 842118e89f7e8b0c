using Campaigns.Core.Common;
using Campaigns.Data.Infrastructure;
using Dapper;

namespace Campaigns.Data.Sending;

public sealed class DkimKeyStore(Database db, IClock clock)
{
    public async Task<long> AddAsync(string domain, string selector, string algorithm, string privateKeyPem, string publicKeyBase64, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        try
        {
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition(db.Pick(
                "INSERT INTO dkim_keys (domain, selector, algorithm, private_key, public_key, created_at) VALUES (@domain, @selector, @algorithm, @privateKeyPem, @publicKeyBase64, @now) RETURNING id",
                "INSERT INTO dkim_keys (domain, selector, algorithm, private_key, public_key, created_at) OUTPUT INSERTED.id VALUES (@domain, @selector, @algorithm, @privateKeyPem, @publicKeyBase64, @now)"),
                new { domain, selector, algorithm, privateKeyPem, publicKeyBase64, now = clock.UtcNow }, cancellationToken: cancellationToken));
        }
        catch (System.Data.Common.DbException e) when (Lists.ListStore.IsUniqueViolation(e))
        {
            throw new ValidationException($"{domain} already has a key with selector '{selector}'.");
        }
    }

    /// <summary>Every key of every domain without its private key (the private_key column is not even read): for the admin UI.</summary>
    public async Task<IReadOnlyList<DkimKeyInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QueryListAsync(
            "SELECT id, domain, selector, algorithm, public_key, created_at FROM dkim_keys ORDER BY domain, id", null,
            r => new DkimKeyInfo(r.GetInt64("id"), r.GetText("domain"), r.GetText("selector"), r.GetText("algorithm"), r.GetText("public_key"), r.GetTime("created_at")),
            cancellationToken: cancellationToken);
    }

    /// <summary>Every key of every domain, private keys included: for the senders only.</summary>
    public async Task<IReadOnlyList<StoredDkimKey>> ListWithPrivateKeysAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QueryListAsync(
            "SELECT id, domain, selector, algorithm, private_key, public_key, created_at FROM dkim_keys ORDER BY domain, id", null,
            r => new StoredDkimKey(r.GetInt64("id"), r.GetText("domain"), r.GetText("selector"), r.GetText("algorithm"), r.GetText("private_key"), r.GetText("public_key"), r.GetTime("created_at")),
            cancellationToken: cancellationToken);
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("DELETE FROM dkim_keys WHERE id = @id", new { id }, cancellationToken: cancellationToken)) > 0;
    }
}
