namespace Campaigns.Data.Imports;

/// <summary>
/// The set-based statements of an import batch in one dialect. Every parameter named @rows or @keys is a JSON array.
/// Inserts return the new ids, so memberships are written by id without a second look-up of each address.
/// </summary>
internal sealed record ImportSql(
    string FindExisting,
    string FindSuppressed,
    string InsertSubscribers,
    string UpdateSubscribers,
    string InsertMemberships,
    string FindIds,
    string Unsubscribe,
    string Blocklist,
    string InsertErrors,
    string Progress)
{
    private const string ProgressSql = """
        UPDATE imports SET rows_read = @rowsRead, added = @added, updated = @updated, unchanged = @unchanged, skipped = @skipped,
               bytes_read = @bytesRead, heartbeat_at = @now
        WHERE id = @importId
        """;

    public static readonly ImportSql Sqlite = new(
        FindExisting: """
            SELECT s.email_key, s.id, s.status, ls.status AS membership
            FROM json_each(@keys) j
            JOIN subscribers s ON s.email_key = j.value
            LEFT JOIN list_subscribers ls ON ls.list_id = @listId AND ls.subscriber_id = s.id
            """,
        FindSuppressed: """
            SELECT value, reason FROM suppressions
            WHERE (kind = 'address' AND value IN (SELECT value FROM json_each(@keys)))
               OR (kind = 'domain' AND value IN (SELECT value FROM json_each(@domains)))
            """,
        InsertSubscribers: """
            INSERT INTO subscribers (email, email_key, name, attributes, status, created_at, updated_at)
            SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value -> 3, j.value ->> 4, @now, @now
            FROM json_each(@rows) j WHERE true
            ON CONFLICT (email_key) DO NOTHING
            RETURNING id, email_key
            """,
        UpdateSubscribers: """
            UPDATE subscribers
            SET name = CASE WHEN u.name <> '' THEN u.name ELSE subscribers.name END,
                attributes = json_patch(subscribers.attributes, u.attributes),
                updated_at = @now
            FROM (SELECT j.value ->> 0 AS email_key, j.value ->> 1 AS name, j.value -> 2 AS attributes FROM json_each(@rows) j) AS u
            WHERE subscribers.email_key = u.email_key
            """,
        InsertMemberships: """
            INSERT INTO list_subscribers (list_id, subscriber_id, status, created_at, updated_at)
            SELECT @listId, j.value ->> 0, j.value ->> 1, @now, @now
            FROM json_each(@rows) j WHERE true
            ON CONFLICT (list_id, subscriber_id) DO NOTHING
            """,
        FindIds: "SELECT s.id, s.email_key FROM json_each(@keys) j JOIN subscribers s ON s.email_key = j.value",
        Unsubscribe: """
            UPDATE list_subscribers SET status = 'unsubscribed', updated_at = @now
            WHERE list_id = @listId AND status <> 'unsubscribed'
              AND subscriber_id IN (SELECT s.id FROM json_each(@keys) j JOIN subscribers s ON s.email_key = j.value)
            """,
        Blocklist: """
            UPDATE subscribers SET status = 'blocklisted', updated_at = @now
            WHERE email_key IN (SELECT value FROM json_each(@keys));
            UPDATE list_subscribers SET status = 'unsubscribed', updated_at = @now
            WHERE status <> 'unsubscribed'
              AND subscriber_id IN (SELECT s.id FROM json_each(@keys) j JOIN subscribers s ON s.email_key = j.value)
            """,
        InsertErrors: """
            INSERT INTO import_errors (import_id, line, email, reason)
            SELECT @importId, j.value ->> 0, j.value ->> 1, j.value ->> 2 FROM json_each(@rows) j WHERE true
            ON CONFLICT (import_id, line) DO NOTHING
            """,
        Progress: ProgressSql);

    public static readonly ImportSql SqlServer = new(
        FindExisting: """
            SELECT s.email_key, s.id, s.status, ls.status AS membership
            FROM OPENJSON(@keys) WITH (email_key NVARCHAR(320) COLLATE Latin1_General_100_BIN2 '$') j
            JOIN subscribers s ON s.email_key = j.email_key
            LEFT JOIN list_subscribers ls ON ls.list_id = @listId AND ls.subscriber_id = s.id
            """,
        FindSuppressed: """
            SELECT value, reason FROM suppressions
            WHERE (kind = 'address' AND value IN (SELECT k FROM OPENJSON(@keys) WITH (k NVARCHAR(320) COLLATE Latin1_General_100_BIN2 '$')))
               OR (kind = 'domain' AND value IN (SELECT d FROM OPENJSON(@domains) WITH (d NVARCHAR(320) COLLATE Latin1_General_100_BIN2 '$')))
            """,
        InsertSubscribers: """
            INSERT INTO subscribers (email, email_key, name, attributes, status, created_at, updated_at)
            OUTPUT INSERTED.id, INSERTED.email_key
            SELECT j.email, j.email_key, j.name, j.attributes, j.status, @now, @now
            FROM OPENJSON(@rows) WITH (
                email NVARCHAR(320) '$[0]', email_key NVARCHAR(320) COLLATE Latin1_General_100_BIN2 '$[1]', name NVARCHAR(500) '$[2]',
                attributes NVARCHAR(MAX) '$[3]' AS JSON, status VARCHAR(12) '$[4]') j
            WHERE NOT EXISTS (SELECT 1 FROM subscribers s WITH (UPDLOCK, HOLDLOCK) WHERE s.email_key = j.email_key)
            """,
        UpdateSubscribers: """
            UPDATE s
            SET name = CASE WHEN u.name <> N'' THEN u.name ELSE s.name END,
                attributes = (
                    SELECT COALESCE(N'{' + STRING_AGG(CAST(N'"' + STRING_ESCAPE(m.[key], 'json') + N'":' + m.value AS NVARCHAR(MAX)), N',') + N'}', N'{}')
                    FROM (
                        SELECT o.[key],
                               CASE o.[type] WHEN 1 THEN N'"' + STRING_ESCAPE(o.value, 'json') + N'"' WHEN 0 THEN N'null' ELSE o.value END AS value
                        FROM OPENJSON(s.attributes) o
                        WHERE o.[key] NOT IN (SELECT n.[key] FROM OPENJSON(u.attributes) n)
                        UNION ALL
                        SELECT n.[key],
                               CASE n.[type] WHEN 1 THEN N'"' + STRING_ESCAPE(n.value, 'json') + N'"' WHEN 0 THEN N'null' ELSE n.value END
                        FROM OPENJSON(u.attributes) n
                    ) m),
                updated_at = @now
            FROM subscribers s
            JOIN OPENJSON(@rows) WITH (
                email_key NVARCHAR(320) COLLATE Latin1_General_100_BIN2 '$[0]', name NVARCHAR(500) '$[1]', attributes NVARCHAR(MAX) '$[2]' AS JSON) u
              ON s.email_key = u.email_key
            """,
        InsertMemberships: """
            INSERT INTO list_subscribers (list_id, subscriber_id, status, created_at, updated_at)
            SELECT @listId, j.subscriber_id, j.status, @now, @now
            FROM OPENJSON(@rows) WITH (subscriber_id BIGINT '$[0]', status VARCHAR(12) '$[1]') j
            WHERE NOT EXISTS (SELECT 1 FROM list_subscribers ls WITH (UPDLOCK, HOLDLOCK) WHERE ls.list_id = @listId AND ls.subscriber_id = j.subscriber_id)
            """,
        FindIds: """
            SELECT s.id, s.email_key FROM OPENJSON(@keys) WITH (k NVARCHAR(320) COLLATE Latin1_General_100_BIN2 '$') j
            JOIN subscribers s ON s.email_key = j.k
            """,
        Unsubscribe: """
            UPDATE list_subscribers SET status = 'unsubscribed', updated_at = @now
            WHERE list_id = @listId AND status <> 'unsubscribed'
              AND subscriber_id IN (
                  SELECT s.id FROM OPENJSON(@keys) WITH (k NVARCHAR(320) COLLATE Latin1_General_100_BIN2 '$') j
                  JOIN subscribers s ON s.email_key = j.k)
            """,
        Blocklist: """
            UPDATE subscribers SET status = 'blocklisted', updated_at = @now
            WHERE email_key IN (SELECT k FROM OPENJSON(@keys) WITH (k NVARCHAR(320) COLLATE Latin1_General_100_BIN2 '$'));
            UPDATE list_subscribers SET status = 'unsubscribed', updated_at = @now
            WHERE status <> 'unsubscribed'
              AND subscriber_id IN (
                  SELECT s.id FROM OPENJSON(@keys) WITH (k NVARCHAR(320) COLLATE Latin1_General_100_BIN2 '$') j
                  JOIN subscribers s ON s.email_key = j.k)
            """,
        InsertErrors: """
            INSERT INTO import_errors (import_id, line, email, reason)
            SELECT @importId, j.line, j.email, j.reason
            FROM OPENJSON(@rows) WITH (line BIGINT '$[0]', email NVARCHAR(400) '$[1]', reason NVARCHAR(1000) '$[2]') j
            """,
        Progress: ProgressSql);
}
