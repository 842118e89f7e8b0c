using System.Data.Common;
using Campaigns.Core.Common;
using Campaigns.Core.Sending;
using Campaigns.Data.Infrastructure;
using Dapper;

namespace Campaigns.Data.Sending;

public sealed class CampaignStore(Database db, IClock clock) : ICampaignStore
{
    private const string Columns =
        "id, name, subject, from_name, from_address, reply_to, template_id, body, track_opens, track_clicks, status, send_at, time_zone, planned, created_at, updated_at, started_at, finished_at";

    public async Task<Campaign> CreateAsync(CampaignDraft draft, CancellationToken cancellationToken = default)
    {
        var d = draft.Validated();
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await RequireListsAsync(connection, tx, d.ListIds, cancellationToken);
        var sql = db.Pick(
            """
            INSERT INTO campaigns (name, subject, from_name, from_address, reply_to, template_id, body, track_opens, track_clicks, created_at, updated_at)
            VALUES (@Name, @Subject, @FromName, @FromAddress, @ReplyTo, @TemplateId, @Body, @TrackOpens, @TrackClicks, @now, @now) RETURNING id
            """,
            """
            INSERT INTO campaigns (name, subject, from_name, from_address, reply_to, template_id, body, track_opens, track_clicks, created_at, updated_at)
            OUTPUT INSERTED.id
            VALUES (@Name, @Subject, @FromName, @FromAddress, @ReplyTo, @TemplateId, @Body, @TrackOpens, @TrackClicks, @now, @now)
            """);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, Args(d), tx, cancellationToken: cancellationToken));
        await WriteListsAsync(connection, tx, id, d.ListIds, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return (await GetAsync(id, cancellationToken))!;
    }

    public async Task<Campaign> UpdateAsync(long id, CampaignDraft draft, CancellationToken cancellationToken = default)
    {
        var d = draft.Validated();
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await RequireListsAsync(connection, tx, d.ListIds, cancellationToken);
        var args = new DynamicParameters(Args(d));
        args.Add("id", id);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE campaigns SET name = @Name, subject = @Subject, from_name = @FromName, from_address = @FromAddress, reply_to = @ReplyTo,
                   template_id = @TemplateId, body = @Body, track_opens = @TrackOpens, track_clicks = @TrackClicks, updated_at = @now
            WHERE id = @id AND status IN ('draft', 'scheduled')
            """, args, tx, cancellationToken: cancellationToken));
        if (changed == 0)
        {
            var existing = await GetAsync(id, cancellationToken) ?? throw new NotFoundException($"Campaign {id} does not exist.");
            throw new ValidationException($"Campaign '{existing.Name}' is {existing.Status.ToDb()}: only drafts and scheduled campaigns can change.");
        }

        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM campaign_lists WHERE campaign_id = @id", new { id }, tx, cancellationToken: cancellationToken));
        await WriteListsAsync(connection, tx, id, d.ListIds, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return (await GetAsync(id, cancellationToken))!;
    }

    public async Task<Campaign?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await QueryAsync(connection, $"SELECT {Columns} FROM campaigns WHERE id = @id", new { id }, cancellationToken);
        return rows.FirstOrDefault();
    }

    public async Task<IReadOnlyList<Campaign>> ListAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var sql = db.Pick(
            $"SELECT {Columns} FROM campaigns ORDER BY id DESC LIMIT @limit",
            $"SELECT TOP (@limit) {Columns} FROM campaigns ORDER BY id DESC");
        return await QueryAsync(connection, sql, new { limit = Math.Clamp(limit, 1, 1000) }, cancellationToken);
    }

    public async Task<bool> TransitionAsync(long id, CampaignStatus[] from, CampaignStatus to, DateTimeOffset? sendAt = null, string? timeZone = null,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var now = clock.UtcNow;
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE campaigns SET status = @to, updated_at = @now,
                   send_at = COALESCE(@sendAt, send_at), time_zone = COALESCE(@timeZone, time_zone),
                   finished_at = CASE WHEN @to IN ('cancelled', 'finished') THEN @now ELSE finished_at END
            WHERE id = @id AND status IN @from
            """,
            new { id, to = to.ToDb(), from = from.Select(s => s.ToDb()).ToArray(), sendAt, timeZone, now }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM campaigns WHERE id = @id AND status NOT IN ('planning', 'sending')", new { id }, cancellationToken: cancellationToken)) > 0;
    }

    private object Args(CampaignDraft d) => new
    {
        d.Name,
        d.Subject,
        d.FromName,
        d.FromAddress,
        d.ReplyTo,
        d.TemplateId,
        d.Body,
        d.TrackOpens,
        d.TrackClicks,
        now = clock.UtcNow,
    };

    private static async Task RequireListsAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<long> listIds, CancellationToken cancellationToken)
    {
        var found = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM lists WHERE id IN @ids", new { ids = listIds.ToArray() }, tx, cancellationToken: cancellationToken));
        if (found != listIds.Count)
        {
            throw new ValidationException("One of the chosen lists does not exist.");
        }
    }

    private static async Task WriteListsAsync(DbConnection connection, DbTransaction tx, long id, IReadOnlyList<long> listIds, CancellationToken cancellationToken)
    {
        foreach (var listId in listIds)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO campaign_lists (campaign_id, list_id) VALUES (@id, @listId)", new { id, listId }, tx, cancellationToken: cancellationToken));
        }
    }

    private static async Task<List<Campaign>> QueryAsync(DbConnection connection, string sql, object args, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryListAsync(sql, args, r => (Row: Map(r), r.GetInt64("id")), cancellationToken: cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        var lists = (await connection.QueryAsync<(long CampaignId, long ListId)>(new CommandDefinition(
                "SELECT campaign_id, list_id FROM campaign_lists WHERE campaign_id IN @ids ORDER BY list_id",
                new { ids = rows.Select(r => r.Item2).ToArray() }, cancellationToken: cancellationToken)))
            .ToLookup(x => x.CampaignId, x => x.ListId);
        return rows.Select(r => r.Row with { ListIds = [.. lists[r.Item2]] }).ToList();
    }

    private static Campaign Map(DbDataReader r) => new(
        r.GetInt64("id"),
        r.GetText("name"),
        r.GetText("subject"),
        r.GetText("from_name"),
        r.GetText("from_address"),
        r["reply_to"] as string,
        r["template_id"] is DBNull ? null : r.GetInt64("template_id"),
        r.GetText("body"),
        r.GetInt64("track_opens") != 0,
        r.GetInt64("track_clicks") != 0,
        r.GetEnum<CampaignStatus>("status"),
        r.GetTimeOrNull("send_at"),
        r.GetText("time_zone"),
        r.GetInt64("planned"),
        [],
        r.GetTime("created_at"),
        r.GetTime("updated_at"),
        r.GetTimeOrNull("started_at"),
        r.GetTimeOrNull("finished_at"));
}
