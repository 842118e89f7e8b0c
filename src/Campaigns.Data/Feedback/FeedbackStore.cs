using System.Data.Common;
using Campaigns.Core.Common;
using Campaigns.Core.Feedback;
using Campaigns.Core.Lists;
using Campaigns.Core.Subscribers;
using Campaigns.Core.Suppressions;
using Campaigns.Data.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Campaigns.Data.Feedback;

/// <summary>Opens, clicks and what readers change themselves (unsubscribes, the preference centre).</summary>
public sealed class FeedbackStore(Database db, IClock clock) : ITrackingEventStore, IPreferenceStore, ISubscriptionStore
{
    public async Task AddAsync(IReadOnlyList<TrackingEvent> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0)
        {
            return;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            // A campaign deleted since its mail went out: its events are dropped, not the whole batch with them.
            """
            INSERT INTO tracking_events (campaign_id, subscriber_id, kind, link_id, prefetch, at)
            SELECT @CampaignId, @SubscriberId, @kind, @LinkId, @Prefetch, @At WHERE EXISTS (SELECT 1 FROM campaigns WHERE id = @CampaignId)
            """,
            events.Select(e => new { e.CampaignId, e.SubscriberId, kind = e.Kind.ToDb(), e.LinkId, e.Prefetch, e.At }).ToArray(),
            tx, cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<CampaignEngagement> GetEngagementAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        // A click counts as an open too: the reader saw the message even when images were blocked.
        var totals = (await connection.QueryListAsync(
            """
            SELECT COUNT(DISTINCT CASE WHEN (kind = 'open' AND prefetch = 0) OR kind = 'click' THEN subscriber_id END) AS unique_opens,
                   COALESCE(SUM(CASE WHEN kind = 'open' AND prefetch = 0 THEN 1 ELSE 0 END), 0) AS total_opens,
                   COALESCE(SUM(CASE WHEN kind = 'open' AND prefetch = 1 THEN 1 ELSE 0 END), 0) AS prefetch_opens,
                   COUNT(DISTINCT CASE WHEN kind = 'click' THEN subscriber_id END) AS unique_clicks,
                   COALESCE(SUM(CASE WHEN kind = 'click' THEN 1 ELSE 0 END), 0) AS total_clicks
            FROM tracking_events WHERE campaign_id = @campaignId
            """, new { campaignId },
            r => (UniqueOpens: r.GetInt64("unique_opens"), TotalOpens: r.GetInt64("total_opens"), Prefetch: r.GetInt64("prefetch_opens"),
                UniqueClicks: r.GetInt64("unique_clicks"), TotalClicks: r.GetInt64("total_clicks")), cancellationToken: cancellationToken))[0];
        var links = await connection.QueryListAsync(
            """
            SELECT l.id, l.url, COUNT(DISTINCT e.subscriber_id) AS unique_clicks, COUNT(e.id) AS total_clicks
            FROM campaign_links l
            LEFT JOIN tracking_events e ON e.campaign_id = l.campaign_id AND e.link_id = l.id AND e.kind = 'click'
            WHERE l.campaign_id = @campaignId
            GROUP BY l.id, l.url
            ORDER BY COUNT(e.id) DESC, l.id
            """, new { campaignId },
            r => new LinkEngagement(r.GetInt64("id"), r.GetText("url"), r.GetInt64("unique_clicks"), r.GetInt64("total_clicks")), cancellationToken: cancellationToken);
        var unsubscribes = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(DISTINCT subscriber_id) FROM subscription_events WHERE campaign_id = @campaignId AND kind = 'unsubscribe'",
            new { campaignId }, cancellationToken: cancellationToken));
        return new CampaignEngagement(campaignId, totals.UniqueOpens, totals.TotalOpens, totals.Prefetch, totals.UniqueClicks, totals.TotalClicks, unsubscribes, links);
    }

    public async Task<IReadOnlyList<string>> UnsubscribeAsync(long subscriberId, long? campaignId, bool everything, string source, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(connection, cancellationToken);
        var lists = await connection.QueryListAsync(
            """
            SELECT ls.list_id, l.name FROM list_subscribers ls JOIN lists l ON l.id = ls.list_id
            WHERE ls.subscriber_id = @subscriberId AND ls.status <> 'unsubscribed'
              AND (@everything = 1 OR ls.list_id IN (SELECT list_id FROM campaign_lists WHERE campaign_id = @campaignId))
            ORDER BY l.name
            """, new { subscriberId, campaignId, everything = everything || campaignId is null },
            r => (Id: r.GetInt64("list_id"), Name: r.GetText("name")), tx, cancellationToken);
        foreach (var list in lists)
        {
            await ChangeAsync(connection, tx, subscriberId, list.Id, "unsubscribed", campaignId, "unsubscribe", source, now, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return [.. lists.Select(l => l.Name)];
    }

    public async Task<SubscriberPreferences?> GetPreferencesAsync(long subscriberId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var email = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT email FROM subscribers WHERE id = @subscriberId", new { subscriberId }, cancellationToken: cancellationToken));
        if (email is null)
        {
            return null;
        }

        var lists = await ChoicesAsync(connection, null, subscriberId, cancellationToken);
        return new SubscriberPreferences(subscriberId, email, lists);
    }

    public async Task SavePreferencesAsync(long subscriberId, IReadOnlySet<long> subscribedListIds, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(connection, cancellationToken);
        foreach (var choice in await ChoicesAsync(connection, tx, subscriberId, cancellationToken))
        {
            var wanted = subscribedListIds.Contains(choice.ListId);
            if (wanted && !choice.Subscribed)
            {
                // The reader proved they own the mailbox (the link's token), so their own choice is a confirmed one.
                await ChangeAsync(connection, tx, subscriberId, choice.ListId, "confirmed", null, "subscribe", "preferences", now, cancellationToken);
            }
            else if (!wanted && choice.Subscribed)
            {
                await ChangeAsync(connection, tx, subscriberId, choice.ListId, "unsubscribed", null, "unsubscribe", "preferences", now, cancellationToken);
            }
        }

        await tx.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SubscribeResult>> SubscribeAsync(NormalizedEmail email, string name, IReadOnlyCollection<long> listIds, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(connection, cancellationToken);
        var lists = await connection.QueryListAsync(
            "SELECT id, name, optin FROM lists WHERE id IN @listIds AND visibility = 'public' ORDER BY name", new { listIds = listIds.ToArray() },
            r => (Id: r.GetInt64("id"), Name: r.GetText("name"), Double: r.GetText("optin") == "double"), tx, cancellationToken);
        var domains = SuppressionTarget.DomainCandidates(email.Domain).ToArray();
        var suppressed = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM suppressions WHERE (kind = 'address' AND value = @key) OR (kind = 'domain' AND value IN @domains)",
            new { key = email.Key, domains }, tx, cancellationToken: cancellationToken)) > 0;
        var existing = (await connection.QueryListAsync("SELECT id, status FROM subscribers WHERE email_key = @key", new { key = email.Key },
            r => (Id: r.GetInt64("id"), Status: r.GetText("status")), tx, cancellationToken)).FirstOrDefault();
        if (suppressed || existing.Status == "blocklisted")
        {
            await tx.CommitAsync(cancellationToken);
            return [.. lists.Select(l => new SubscribeResult(existing.Id, l.Id, l.Name, SubscribeOutcome.Refused))];
        }

        var subscriberId = existing.Id;
        if (subscriberId == 0)
        {
            subscriberId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(db.Pick(
                "INSERT INTO subscribers (email, email_key, name, attributes, status, created_at, updated_at) VALUES (@email, @key, @name, '{}', 'enabled', @now, @now) RETURNING id",
                "INSERT INTO subscribers (email, email_key, name, attributes, status, created_at, updated_at) OUTPUT INSERTED.id VALUES (@email, @key, @name, N'{}', 'enabled', @now, @now)"),
                new { email = email.Email, key = email.Key, name, now }, tx, cancellationToken: cancellationToken));
        }

        var results = new List<SubscribeResult>();
        foreach (var list in lists)
        {
            var status = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT status FROM list_subscribers WHERE list_id = @listId AND subscriber_id = @subscriberId",
                new { listId = list.Id, subscriberId }, tx, cancellationToken: cancellationToken));
            SubscribeOutcome outcome;
            if (status is "confirmed" || (status is "unconfirmed" && !list.Double))
            {
                outcome = SubscribeOutcome.AlreadySubscribed;
            }
            else if (list.Double || status is "unsubscribed")
            {
                // Anyone can type anyone's address: only the mailbox's owner, by the link, turns this into a subscription.
                if (status is null)
                {
                    await ChangeAsync(connection, tx, subscriberId, list.Id, "unconfirmed", null, "subscribe", "form", now, cancellationToken);
                }

                outcome = SubscribeOutcome.ConfirmationNeeded;
            }
            else
            {
                await ChangeAsync(connection, tx, subscriberId, list.Id, "confirmed", null, "subscribe", "form", now, cancellationToken);
                outcome = SubscribeOutcome.Joined;
            }

            results.Add(new SubscribeResult(subscriberId, list.Id, list.Name, outcome));
        }

        await tx.CommitAsync(cancellationToken);
        return results;
    }

    public async Task<bool> ConfirmAsync(long subscriberId, long listId, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(connection, cancellationToken);
        var status = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT ls.status FROM list_subscribers ls JOIN subscribers s ON s.id = ls.subscriber_id WHERE ls.list_id = @listId AND ls.subscriber_id = @subscriberId AND s.status = 'enabled'",
            new { listId, subscriberId }, tx, cancellationToken: cancellationToken));
        // An unsubscribed membership is confirmed again too: the confirmation mail went out because they asked to rejoin.
        var confirm = status is "unconfirmed" or "unsubscribed";
        if (confirm)
        {
            await ChangeAsync(connection, tx, subscriberId, listId, "confirmed", null, "confirm", "confirmation link", now, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return confirm;
    }

    public async Task<IReadOnlyList<MailingList>> PublicListsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QueryListAsync(
            "SELECT id, name, description, visibility, optin, created_at, updated_at FROM lists WHERE visibility = 'public' ORDER BY name", null,
            r => new MailingList(r.GetInt64("id"), r.GetText("name"), r.GetText("description"), ListVisibility.Public, r.GetEnum<OptInKind>("optin"), [],
                r.GetTime("created_at"), r.GetTime("updated_at")), cancellationToken: cancellationToken);
    }

    private static async Task<List<ListChoice>> ChoicesAsync(DbConnection connection, DbTransaction? tx, long subscriberId, CancellationToken cancellationToken) =>
        await connection.QueryListAsync(
            """
            SELECT l.id, l.name, l.description, CASE WHEN ls.status IN ('confirmed', 'unconfirmed') THEN 1 ELSE 0 END AS subscribed
            FROM lists l
            LEFT JOIN list_subscribers ls ON ls.list_id = l.id AND ls.subscriber_id = @subscriberId
            WHERE ls.subscriber_id IS NOT NULL OR l.visibility = 'public'
            ORDER BY l.name
            """, new { subscriberId },
            r => new ListChoice(r.GetInt64("id"), r.GetText("name"), r.GetText("description"), r.GetInt64("subscribed") == 1), tx, cancellationToken);

    private async Task ChangeAsync(DbConnection connection, DbTransaction tx, long subscriberId, long listId, string status, long? campaignId, string kind, string source,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var args = new { subscriberId, listId, status, campaignId, kind, source, now };
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE list_subscribers SET status = @status, updated_at = @now WHERE subscriber_id = @subscriberId AND list_id = @listId",
            args, tx, cancellationToken: cancellationToken));
        if (updated == 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO list_subscribers (list_id, subscriber_id, status, created_at, updated_at) VALUES (@listId, @subscriberId, @status, @now, @now)",
                args, tx, cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO subscription_events (subscriber_id, list_id, campaign_id, kind, source, at) VALUES (@subscriberId, @listId, @campaignId, @kind, @source, @now)",
            args, tx, cancellationToken: cancellationToken));
    }

    private static async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: false) : await connection.BeginTransactionAsync(cancellationToken);
}
