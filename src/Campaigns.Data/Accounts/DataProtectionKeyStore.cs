using Campaigns.Core.Common;
using Campaigns.Data.Infrastructure;
using Dapper;

namespace Campaigns.Data.Accounts;

/// <summary>
/// The web hosts' Data Protection key ring in the shared database. Synchronous because ASP.NET Core's key
/// repository interface is; it is read when the key ring is (re)loaded, not per request.
/// </summary>
public sealed class DataProtectionKeyStore(Database db, IClock clock)
{
    public IReadOnlyList<string> ReadAll()
    {
        using var connection = db.OpenAsync().GetAwaiter().GetResult();
        return [.. connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY id")];
    }

    public void Add(string friendlyName, string xml)
    {
        using var connection = db.OpenAsync().GetAwaiter().GetResult();
        connection.Execute(
            "INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@friendlyName, @xml, @now)",
            new { friendlyName, xml, now = clock.UtcNow });
    }
}
