-- Lists, subscribers, memberships, the global suppression list and CSV imports.
-- Times are UTC, stored as ISO-8601 text. Enum-like columns hold lower-case names, checked.

CREATE TABLE lists (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL COLLATE NOCASE UNIQUE,
    description TEXT    NOT NULL DEFAULT '',
    visibility  TEXT    NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'public')),
    optin       TEXT    NOT NULL DEFAULT 'single'  CHECK (optin IN ('single', 'double')),
    tags        TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);

-- email is kept as given; email_key is the unique normalized form (domain lower-cased, IDN in punycode).
CREATE TABLE subscribers (
    id          INTEGER PRIMARY KEY,
    email       TEXT    NOT NULL,
    email_key   TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL DEFAULT '',
    attributes  TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(attributes)),
    status      TEXT    NOT NULL DEFAULT 'enabled' CHECK (status IN ('enabled', 'blocklisted')),
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);

CREATE TABLE list_subscribers (
    list_id       INTEGER NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    status        TEXT    NOT NULL CHECK (status IN ('unconfirmed', 'confirmed', 'unsubscribed')),
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    PRIMARY KEY (list_id, subscriber_id)
) WITHOUT ROWID;

CREATE INDEX ix_list_subscribers_subscriber ON list_subscribers (subscriber_id);

-- An address (its email_key) or a whole domain (and its subdomains) that is never mailed.
CREATE TABLE suppressions (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('address', 'domain')),
    value      TEXT NOT NULL,
    reason     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (kind, value)
);

CREATE TABLE imports (
    id           INTEGER PRIMARY KEY,
    list_id      INTEGER NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
    file_name    TEXT    NOT NULL,
    mode         TEXT    NOT NULL CHECK (mode IN ('add', 'upsert', 'unsubscribe', 'blocklist')),
    status       TEXT    NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'cancelled')),
    rows_read    INTEGER NOT NULL DEFAULT 0,
    added        INTEGER NOT NULL DEFAULT 0,
    updated      INTEGER NOT NULL DEFAULT 0,
    unchanged    INTEGER NOT NULL DEFAULT 0,
    skipped      INTEGER NOT NULL DEFAULT 0,
    bytes_read   INTEGER NOT NULL DEFAULT 0,
    bytes_total  INTEGER NOT NULL DEFAULT -1,
    message      TEXT    NOT NULL DEFAULT '',
    started_at   TEXT    NOT NULL,
    heartbeat_at TEXT    NOT NULL,
    finished_at  TEXT    NULL
);

-- At most one running import per list: a second one started at the same time fails on this index.
CREATE UNIQUE INDEX ux_imports_one_running_per_list ON imports (list_id) WHERE status = 'running';

-- Every bad or skipped row of an import, for download.
CREATE TABLE import_errors (
    import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    line      INTEGER NOT NULL,
    email     TEXT    NOT NULL,
    reason    TEXT    NOT NULL,
    PRIMARY KEY (import_id, line)
) WITHOUT ROWID;
