-- People who sign in to the admin UI, the API keys programs use, and indexes that make searching a million
-- subscribers by the start of an email address or name an index seek.

-- password_hash is ASP.NET Core Identity's PBKDF2 format; security_stamp changes on "sign out everywhere",
-- a password or role change, and every cookie carrying an older stamp stops working.
CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    email           TEXT    NOT NULL COLLATE NOCASE UNIQUE,
    name            TEXT    NOT NULL DEFAULT '',
    role            TEXT    NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
    password_hash   TEXT    NOT NULL,
    security_stamp  TEXT    NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT    NULL,
    created_at      TEXT    NOT NULL,
    last_sign_in_at TEXT    NULL
);

-- A key is shown once as cmp_PREFIX_SECRET; only the prefix (to find it) and a SHA-256 of the secret are kept.
CREATE TABLE api_keys (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    prefix       TEXT    NOT NULL UNIQUE,
    secret_hash  TEXT    NOT NULL,
    scopes       TEXT    NOT NULL CHECK (json_valid(scopes)),
    created_by   INTEGER NULL REFERENCES users (id) ON DELETE SET NULL,
    created_at   TEXT    NOT NULL,
    last_used_at TEXT    NULL,
    revoked_at   TEXT    NULL
);

CREATE INDEX ix_subscribers_email_lower ON subscribers (lower(email_key));
CREATE INDEX ix_subscribers_name_lower ON subscribers (lower(name));

-- A subscriber's page lists their sends.
CREATE INDEX ix_sends_subscriber ON sends (subscriber_id);
