using System.Data.Common;
using Campaigns.Core.Common;
using Campaigns.Data.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Campaigns.Data.Sending;

/// <summary>
/// The fleet-wide throttle state in the shared database. Rates are a GCRA: each domain has the time of its
/// next free send slot, and a worker takes a few slots at a time by moving it forward, so no two workers ever
/// hold the same slot and the slots of all workers together are never closer than the domain's interval.
/// Connections are leases on numbered slots, given back when the batch ends or taken back when a worker dies.
/// </summary>
public sealed class ThrottleStore(Database db, IClock clock)
{
    public async Task<IReadOnlyList<ThrottleRule>> GetRulesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QueryListAsync("SELECT domain, per_second, max_connections FROM throttle_rules", null,
            r => new ThrottleRule(r.GetString(0), Convert.ToDouble(r[1], System.Globalization.CultureInfo.InvariantCulture), (int)r.GetInt64("max_connections")),
            cancellationToken: cancellationToken);
    }

    public async Task SetRuleAsync(ThrottleRule rule, CancellationToken cancellationToken = default)
    {
        if (rule.PerSecond <= 0 || rule.MaxConnections <= 0)
        {
            throw new ValidationException("A rate and a connection count must be above zero.");
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var args = new { domain = rule.Domain.Trim().ToLowerInvariant(), perSecond = rule.PerSecond, maxConnections = rule.MaxConnections };
        await connection.ExecuteAsync(new CommandDefinition(db.Pick(
            """
            INSERT INTO throttle_rules (domain, per_second, max_connections) VALUES (@domain, @perSecond, @maxConnections)
            ON CONFLICT (domain) DO UPDATE SET per_second = excluded.per_second, max_connections = excluded.max_connections
            """,
            """
            MERGE throttle_rules WITH (HOLDLOCK) AS t USING (SELECT @domain AS domain) AS s ON t.domain = s.domain
            WHEN MATCHED THEN UPDATE SET per_second = @perSecond, max_connections = @maxConnections
            WHEN NOT MATCHED THEN INSERT (domain, per_second, max_connections) VALUES (@domain, @perSecond, @maxConnections);
            """), args, cancellationToken: cancellationToken));
    }

    /// <summary>Removes a domain's rule; its mail then follows the '*' rule (or the built-in default).</summary>
    public async Task<bool> DeleteRuleAsync(string domain, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM throttle_rules WHERE domain = @domain", new { domain = (domain ?? "").Trim().ToLowerInvariant() }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>The domains backing off right now, latest first.</summary>
    public async Task<IReadOnlyList<ThrottleBackoff>> GetBackoffsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QueryListAsync(
            "SELECT domain, backoff_until, backoff_level, last_reply FROM domain_throttles WHERE backoff_until > @nowUs ORDER BY backoff_until DESC",
            new { nowUs = UnixMicros.From(clock.UtcNow) },
            r => new ThrottleBackoff(r.GetText("domain"), UnixMicros.ToTime(r.GetInt64("backoff_until")), (int)r.GetInt64("backoff_level"), r["last_reply"] as string),
            cancellationToken: cancellationToken);
    }

    /// <summary>Takes <paramref name="count"/> consecutive slots <paramref name="intervalUs"/> apart, unless the domain is backing off.</summary>
    public async Task<SlotReservation> ReserveAsync(string domain, int count, long intervalUs, CancellationToken cancellationToken = default)
    {
        var nowUs = UnixMicros.From(clock.UtcNow);
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(connection, cancellationToken);
        await EnsureRowAsync(connection, tx, domain, cancellationToken);
        var args = new { domain, nowUs, span = count * intervalUs };
        var taken = await connection.QueryListAsync(db.Pick(
            """
            UPDATE domain_throttles SET next_slot_at = MAX(next_slot_at, @nowUs) + @span
            WHERE domain = @domain AND backoff_until <= @nowUs
            RETURNING next_slot_at - @span AS first_slot, backoff_level
            """,
            """
            UPDATE domain_throttles SET next_slot_at = (SELECT MAX(v) FROM (VALUES (next_slot_at), (@nowUs)) AS x (v)) + @span
            OUTPUT INSERTED.next_slot_at - @span AS first_slot, INSERTED.backoff_level
            WHERE domain = @domain AND backoff_until <= @nowUs
            """), args, r => (First: r.GetInt64("first_slot"), Level: (int)r.GetInt64("backoff_level")), tx, cancellationToken);
        SlotReservation result;
        if (taken.Count > 0)
        {
            result = new SlotReservation(taken[0].First, count, 0, taken[0].Level);
        }
        else
        {
            var state = (await connection.QueryListAsync("SELECT backoff_until, backoff_level FROM domain_throttles WHERE domain = @domain", args,
                r => (Until: r.GetInt64("backoff_until"), Level: (int)r.GetInt64("backoff_level")), tx, cancellationToken))[0];
            result = new SlotReservation(0, 0, state.Until, state.Level);
        }

        await tx.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// A 4xx from the domain: it backs off for <c>base × 2^level</c> (capped, ±20% jitter), one level more each
    /// time. Several workers hitting the same 4xx at once raise the level once, not once each.
    /// </summary>
    public async Task<DateTimeOffset> BackOffAsync(string domain, string reply, TimeSpan baseDelay, TimeSpan maxDelay, CancellationToken cancellationToken = default)
    {
        var nowUs = UnixMicros.From(clock.UtcNow);
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(connection, cancellationToken);
        await EnsureRowAsync(connection, tx, domain, cancellationToken);
        var state = (await connection.QueryListAsync("SELECT backoff_until, backoff_level FROM domain_throttles WHERE domain = @domain", new { domain },
            r => (Until: r.GetInt64("backoff_until"), Level: (int)r.GetInt64("backoff_level")), tx, cancellationToken))[0];
        if (state.Until > nowUs)
        {
            await tx.CommitAsync(cancellationToken);
            return UnixMicros.ToTime(state.Until);
        }

        var level = Math.Min(state.Level + 1, 20);
        var delay = Math.Min(baseDelay.TotalMicroseconds * Math.Pow(2, level - 1), maxDelay.TotalMicroseconds);
        delay *= 0.8 + (Random.Shared.NextDouble() * 0.4);
        var until = nowUs + (long)delay;
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE domain_throttles SET backoff_until = @until, backoff_level = @level, last_reply = @reply WHERE domain = @domain",
            new { domain, until, level, reply = reply.Length > 2000 ? reply[..2000] : reply }, tx, cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
        return UnixMicros.ToTime(until);
    }

    /// <summary>A message went through after a back-off: the next 4xx starts from the base delay again.</summary>
    public async Task ResetBackoffAsync(string domain, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE domain_throttles SET backoff_level = 0 WHERE domain = @domain AND backoff_level > 0 AND backoff_until <= @nowUs",
            new { domain, nowUs = UnixMicros.From(clock.UtcNow) }, cancellationToken: cancellationToken));
    }

    /// <summary>One of the domain's <paramref name="max"/> connection slots for <paramref name="holder"/>, or null when all are held.</summary>
    public async Task<int?> TryAcquireConnectionAsync(string domain, int max, string holder, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        var nowUs = UnixMicros.From(clock.UtcNow);
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM domain_connections WHERE domain = @domain AND (lease_until < @nowUs OR slot >= @max)", new { domain, nowUs, max }, tx, cancellationToken: cancellationToken));
        int? acquired = null;
        for (var slot = 0; slot < max && acquired is null; slot++)
        {
            var n = await connection.ExecuteAsync(new CommandDefinition(db.Pick(
                "INSERT INTO domain_connections (domain, slot, holder, lease_until) VALUES (@domain, @slot, @holder, @lease) ON CONFLICT DO NOTHING",
                """
                INSERT INTO domain_connections (domain, slot, holder, lease_until)
                SELECT @domain, @slot, @holder, @lease
                WHERE NOT EXISTS (SELECT 1 FROM domain_connections WITH (UPDLOCK, HOLDLOCK) WHERE domain = @domain AND slot = @slot)
                """), new { domain, slot, holder, lease = UnixMicros.From(leaseUntil) }, tx, cancellationToken: cancellationToken));
            if (n > 0)
            {
                acquired = slot;
            }
        }

        await tx.CommitAsync(cancellationToken);
        return acquired;
    }

    public async Task<bool> RenewConnectionAsync(string domain, int slot, string holder, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE domain_connections SET lease_until = @lease WHERE domain = @domain AND slot = @slot AND holder = @holder",
            new { domain, slot, holder, lease = UnixMicros.From(leaseUntil) }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task ReleaseConnectionAsync(string domain, int slot, string holder, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM domain_connections WHERE domain = @domain AND slot = @slot AND holder = @holder",
            new { domain, slot, holder }, cancellationToken: cancellationToken));
    }

    private async Task EnsureRowAsync(DbConnection connection, DbTransaction tx, string domain, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(db.Pick(
            "INSERT INTO domain_throttles (domain) VALUES (@domain) ON CONFLICT DO NOTHING",
            "INSERT INTO domain_throttles (domain) SELECT @domain WHERE NOT EXISTS (SELECT 1 FROM domain_throttles WITH (UPDLOCK, HOLDLOCK) WHERE domain = @domain)"),
            new { domain }, tx, cancellationToken: cancellationToken));

    private static async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: false) : await connection.BeginTransactionAsync(cancellationToken);
}
