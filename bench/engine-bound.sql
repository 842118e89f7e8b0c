-- The engine's own bound for an import into our schema (bench/import.sh): SQLite inserts the CSV's rows into
-- subscribers (unique normalized email, the two search indexes) and list_subscribers from a table it loaded itself,
-- set-based, in one transaction, with no C# involved and with fewer checks than the importer makes. Run on a fresh
-- database made by `campaigns lists create`; the file is loaded into a temporary table first (not timed).
PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -8192; PRAGMA foreign_keys = ON;
.mode csv
.import --schema temp CSVFILE raw
.timer on
BEGIN;
INSERT INTO subscribers (email, email_key, name, attributes, status, created_at, updated_at)
SELECT "Email Address", lower("Email Address"), "First Name" || ' ' || "Last Name",
       json_object('plan', plan, 'city', city, 'signup_score', signup_score), 'enabled',
       '2026-11-25T00:00:00.0000000+00:00', '2026-11-25T00:00:00.0000000+00:00'
FROM temp.raw WHERE "Email Address" LIKE '%_@_%' ON CONFLICT DO NOTHING;
INSERT INTO list_subscribers (list_id, subscriber_id, status, created_at, updated_at)
SELECT 1, id, 'confirmed', created_at, updated_at FROM subscribers;
COMMIT;
