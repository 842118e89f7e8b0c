-- The engine's bound for a leaner schema than ours (bench/import.sh): the same rows into subscribers (unique email
-- key only: no search indexes) and list_subscribers (its key and the index by subscriber), with integer timestamps
-- instead of ISO-8601 text, set-based, in one transaction, from a table SQLite loaded itself. It shows how far a
-- schema change alone could move the bound: run on an empty database file.
PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -8192; PRAGMA foreign_keys = ON;
CREATE TABLE lists (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
INSERT INTO lists VALUES (1, 'Bench');
CREATE TABLE subscribers (
    id          INTEGER PRIMARY KEY,
    email       TEXT    NOT NULL,
    email_key   TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL DEFAULT '',
    attributes  TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(attributes)),
    status      TEXT    NOT NULL DEFAULT 'enabled' CHECK (status IN ('enabled', 'blocklisted')),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE TABLE list_subscribers (
    list_id       INTEGER NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    status        TEXT    NOT NULL CHECK (status IN ('unconfirmed', 'confirmed', 'unsubscribed')),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (list_id, subscriber_id)
) WITHOUT ROWID;
CREATE INDEX ix_list_subscribers_subscriber ON list_subscribers (subscriber_id);
.mode csv
.import --schema temp CSVFILE raw
.timer on
BEGIN;
INSERT INTO subscribers (email, email_key, name, attributes, status, created_at, updated_at)
SELECT "Email Address", lower("Email Address"), "First Name" || ' ' || "Last Name",
       json_object('plan', plan, 'city', city, 'signup_score', signup_score), 'enabled', 1795000000000, 1795000000000
FROM temp.raw WHERE "Email Address" LIKE '%_@_%' ON CONFLICT DO NOTHING;
INSERT INTO list_subscribers (list_id, subscriber_id, status, created_at, updated_at)
SELECT 1, id, 'confirmed', created_at, updated_at FROM subscribers;
COMMIT;
