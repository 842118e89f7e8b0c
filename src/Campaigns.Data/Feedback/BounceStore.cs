using Campaigns.Core.Common;
using Campaigns.Data.Infrastructure;
using Dapper;

namespace Campaigns.Data.Feedback;

/// <summary>Bounces and complaints, idempotent by source key; the soft-bounce count behind the suppression rule; report counts.</summary>
public sealed class BounceStore(Database db, IClock clock)
{
    /// <summary>Records a bounce; false when its source key was recorded before (a report processed again).</summary>
    public async Task<bool> AddAsync(BounceRecord r, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var args = new
        {
            r.CampaignId,
            r.SubscriberId,
            email = Cut(r.Email, 320),
            r.Kind,
            r.Source,
            status = r.Status is null ? null : Cut(r.Status, 16),
            reason = Cut(r.Reason, 2000),
            sourceKey = Cut(r.SourceKey, 450),
            now = clock.UtcNow,
        };
        return await connection.ExecuteAsync(new CommandDefinition(db.Pick(
            """
            INSERT INTO bounces (campaign_id, subscriber_id, email, kind, source, status, reason, source_key, created_at)
            SELECT @CampaignId, @SubscriberId, @email, @Kind, @Source, @status, @reason, @sourceKey, @now
            WHERE @CampaignId IS NULL OR EXISTS (SELECT 1 FROM campaigns WHERE id = @CampaignId)
            ON CONFLICT (source_key) DO NOTHING
            """,
            """
            INSERT INTO bounces (campaign_id, subscriber_id, email, kind, source, status, reason, source_key, created_at)
            SELECT CASE WHEN EXISTS (SELECT 1 FROM campaigns WHERE id = @CampaignId) THEN @CampaignId END,
                   @SubscriberId, @email, @Kind, @Source, @status, @reason, @sourceKey, @now
            WHERE NOT EXISTS (SELECT 1 FROM bounces WITH (UPDLOCK, HOLDLOCK) WHERE source_key = @sourceKey)
            """), args, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Soft bounces of an address since <paramref name="since"/>.</summary>
    public async Task<long> SoftBouncesSinceAsync(string email, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM bounces WHERE email = @email AND kind = 'soft' AND created_at >= @since",
            new { email, since }, cancellationToken: cancellationToken));
    }

    /// <summary>A campaign's bounces and complaints by kind.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountsAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Kind, long N)>(new CommandDefinition(
            "SELECT kind, COUNT(*) FROM bounces WHERE campaign_id = @campaignId GROUP BY kind", new { campaignId }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Kind, r => r.N);
    }

    /// <summary>The subscriber with this address, when a bounce names only the address.</summary>
    public async Task<long?> FindSubscriberAsync(string emailKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT id FROM subscribers WHERE email_key = @emailKey", new { emailKey }, cancellationToken: cancellationToken));
    }

    /// <summary>The campaign and subscriber a sent Message-ID belongs to.</summary>
    public async Task<(long CampaignId, long SubscriberId)?> FindByMessageIdAsync(string messageId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long, long)>(new CommandDefinition(
            "SELECT campaign_id, subscriber_id FROM sends WHERE message_id = @messageId", new { messageId = messageId.Trim('<', '>', ' ') }, cancellationToken: cancellationToken));
        var list = rows.ToList();
        return list.Count == 0 ? null : list[0];
    }

    /// <summary>The address a subscriber is mailed at (a VERP return path names the subscriber, not the address).</summary>
    public async Task<string?> EmailOfAsync(long subscriberId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT email FROM subscribers WHERE id = @subscriberId", new { subscriberId }, cancellationToken: cancellationToken));
    }

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
