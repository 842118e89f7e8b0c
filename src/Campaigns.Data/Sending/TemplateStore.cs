using System.Data.Common;
using Campaigns.Core.Common;
using Campaigns.Core.Sending;
using Campaigns.Data.Infrastructure;
using Campaigns.Data.Lists;
using Dapper;

namespace Campaigns.Data.Sending;

public sealed class TemplateStore(Database db, IClock clock) : ITemplateStore
{
    private const string Columns = "id, name, body, created_at, updated_at";

    public async Task<LayoutTemplate> SaveAsync(long? id, string name, string body, CancellationToken cancellationToken = default)
    {
        name = (name ?? "").Trim();
        if (name.Length is 0 or > 200)
        {
            throw new ValidationException("A template needs a name of 1 to 200 characters.");
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var args = new { id, name, body, now = clock.UtcNow };
        try
        {
            if (id is null)
            {
                id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(db.Pick(
                    "INSERT INTO templates (name, body, created_at, updated_at) VALUES (@name, @body, @now, @now) RETURNING id",
                    "INSERT INTO templates (name, body, created_at, updated_at) OUTPUT INSERTED.id VALUES (@name, @body, @now, @now)"),
                    args, cancellationToken: cancellationToken));
            }
            else if (await connection.ExecuteAsync(new CommandDefinition(
                         "UPDATE templates SET name = @name, body = @body, updated_at = @now WHERE id = @id", args, cancellationToken: cancellationToken)) == 0)
            {
                throw new NotFoundException($"Template {id} does not exist.");
            }
        }
        catch (DbException e) when (ListStore.IsUniqueViolation(e))
        {
            throw new ValidationException($"A template named '{name}' already exists.");
        }

        return (await GetAsync(id.Value, cancellationToken))!;
    }

    public async Task<LayoutTemplate?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryListAsync($"SELECT {Columns} FROM templates WHERE id = @id", new { id }, Map, cancellationToken: cancellationToken)).FirstOrDefault();
    }

    public async Task<LayoutTemplate?> FindByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryListAsync($"SELECT {Columns} FROM templates WHERE name = @name", new { name = name.Trim() }, Map, cancellationToken: cancellationToken)).FirstOrDefault();
    }

    public async Task<IReadOnlyList<LayoutTemplate>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QueryListAsync($"SELECT {Columns} FROM templates ORDER BY name", null, Map, cancellationToken: cancellationToken);
    }

    private static LayoutTemplate Map(DbDataReader r) =>
        new(r.GetInt64("id"), r.GetText("name"), r.GetText("body"), r.GetTime("created_at"), r.GetTime("updated_at"));
}
