using System.Collections.Concurrent;
using Campaigns.Data.Infrastructure;
using Dapper;

namespace Campaigns.Data.Sending;

/// <summary>The tracked links of campaigns: a click token names a link by its id, so a redirect only goes where the campaign linked.</summary>
public sealed class CampaignLinkStore(Database db)
{
    private readonly ConcurrentDictionary<(long, string), long> _ids = new();
    private readonly ConcurrentDictionary<(long, long), string> _urls = new();

    /// <summary>The link's id, made on first use; cached, as every recipient of a campaign has the same links.</summary>
    public async ValueTask<long> GetOrAddAsync(long campaignId, string url, CancellationToken cancellationToken = default)
    {
        if (_ids.TryGetValue((campaignId, url), out var id))
        {
            return id;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(db.Pick(
            "INSERT INTO campaign_links (campaign_id, url) VALUES (@campaignId, @url) ON CONFLICT DO NOTHING",
            """
            INSERT INTO campaign_links (campaign_id, url) SELECT @campaignId, @url
            WHERE NOT EXISTS (SELECT 1 FROM campaign_links WITH (UPDLOCK, HOLDLOCK) WHERE campaign_id = @campaignId AND url_hash = CAST(HASHBYTES('SHA2_256', @url) AS BINARY(32)))
            """), new { campaignId, url }, cancellationToken: cancellationToken));
        id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(db.Pick(
            "SELECT id FROM campaign_links WHERE campaign_id = @campaignId AND url = @url",
            "SELECT id FROM campaign_links WHERE campaign_id = @campaignId AND url_hash = CAST(HASHBYTES('SHA2_256', @url) AS BINARY(32))"),
            new { campaignId, url }, cancellationToken: cancellationToken));
        _ids[(campaignId, url)] = id;
        return id;
    }

    /// <summary>The URL of a campaign's link; cached, as a link never changes once recorded.</summary>
    public async ValueTask<string?> GetUrlAsync(long campaignId, long linkId, CancellationToken cancellationToken = default)
    {
        if (_urls.TryGetValue((campaignId, linkId), out var cached))
        {
            return cached;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var url = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT url FROM campaign_links WHERE id = @linkId AND campaign_id = @campaignId", new { campaignId, linkId }, cancellationToken: cancellationToken));
        if (url is not null && _urls.Count < 100_000)
        {
            _urls[(campaignId, linkId)] = url;
        }

        return url;
    }
}
