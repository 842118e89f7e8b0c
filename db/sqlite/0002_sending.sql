-- Sending: layouts, campaigns, the send ledger and its batches, fleet-wide throttles, SMTP servers, DKIM keys,
-- tracked links and the site's own secrets. Throttle times are integers (microseconds since 1970) because
-- workers compare and add to them in SQL many times a second.

-- A layout wraps a campaign's body where it writes {{ content }}.
CREATE TABLE templates (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL COLLATE NOCASE UNIQUE,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE campaigns (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    subject      TEXT    NOT NULL,
    from_name    TEXT    NOT NULL DEFAULT '',
    from_address TEXT    NOT NULL,
    reply_to     TEXT    NULL,
    template_id  INTEGER NULL REFERENCES templates (id) ON DELETE SET NULL,
    body         TEXT    NOT NULL,
    track_opens  INTEGER NOT NULL DEFAULT 1 CHECK (track_opens IN (0, 1)),
    track_clicks INTEGER NOT NULL DEFAULT 1 CHECK (track_clicks IN (0, 1)),
    status       TEXT    NOT NULL DEFAULT 'draft'
                 CHECK (status IN ('draft', 'scheduled', 'planning', 'sending', 'paused', 'cancelled', 'finished')),
    send_at      TEXT    NULL,
    time_zone    TEXT    NOT NULL DEFAULT 'UTC',
    planned      INTEGER NOT NULL DEFAULT 0,
    -- The planner holds the campaign while it writes the ledger; a planner that died lets go when this passes.
    lease_until  INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    started_at   TEXT    NULL,
    finished_at  TEXT    NULL
);

CREATE INDEX ix_campaigns_status ON campaigns (status);

CREATE TABLE campaign_lists (
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    list_id     INTEGER NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
    PRIMARY KEY (campaign_id, list_id)
) WITHOUT ROWID;

-- A SendBatch message's unit of work: up to a few hundred recipients of one domain ('' when it mixes small
-- domains). 'pending' batches are published by the outbox loop; a worker holds a 'running' batch under a lease
-- it renews, so a batch whose worker died is published again once the lease passes.
CREATE TABLE send_batches (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    domain      TEXT    NOT NULL,
    size        INTEGER NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('pending', 'published', 'running', 'held', 'done')),
    not_before  INTEGER NOT NULL DEFAULT 0,
    holder      TEXT    NULL,
    lease_until INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);

CREATE INDEX ix_send_batches_status ON send_batches (status, not_before);
CREATE INDEX ix_send_batches_campaign ON send_batches (campaign_id, status);

-- The send ledger: one row per campaign and subscriber, written once by the planner, then by the workers.
CREATE TABLE sends (
    campaign_id     INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    subscriber_id   INTEGER NOT NULL,
    domain          TEXT    NOT NULL,
    batch_id        INTEGER NOT NULL,
    status          TEXT    NOT NULL
                    CHECK (status IN ('queued', 'sending', 'sent', 'deferred', 'failed', 'cancelled')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    last_reply      TEXT    NULL,
    message_id      TEXT    NULL,
    server          TEXT    NULL,
    updated_at      TEXT    NOT NULL,
    PRIMARY KEY (campaign_id, subscriber_id)
) WITHOUT ROWID;

CREATE INDEX ix_sends_batch ON sends (batch_id);
CREATE INDEX ix_sends_campaign_status ON sends (campaign_id, status);
CREATE INDEX ix_sends_due ON sends (next_attempt_at) WHERE status = 'deferred';

-- Send rates per recipient domain ('*' is every other domain), shared by the whole fleet.
CREATE TABLE throttle_rules (
    domain          TEXT    NOT NULL PRIMARY KEY,
    per_second      REAL    NOT NULL CHECK (per_second > 0),
    max_connections INTEGER NOT NULL CHECK (max_connections > 0)
) WITHOUT ROWID;

INSERT INTO throttle_rules (domain, per_second, max_connections) VALUES
    ('*', 20, 5),
    ('gmail.com', 50, 10),
    ('googlemail.com', 50, 10);

-- The fleet's throttle state per domain: the next free send slot (GCRA) and any back-off after a 4xx.
CREATE TABLE domain_throttles (
    domain        TEXT    NOT NULL PRIMARY KEY,
    next_slot_at  INTEGER NOT NULL DEFAULT 0,
    backoff_until INTEGER NOT NULL DEFAULT 0,
    backoff_level INTEGER NOT NULL DEFAULT 0,
    last_reply    TEXT    NULL
) WITHOUT ROWID;

-- Connections open to each domain across the fleet, as leases: a worker that dies lets go when its lease passes.
CREATE TABLE domain_connections (
    domain      TEXT    NOT NULL,
    slot        INTEGER NOT NULL,
    holder      TEXT    NOT NULL,
    lease_until INTEGER NOT NULL,
    PRIMARY KEY (domain, slot)
) WITHOUT ROWID;

-- DKIM keys per sending domain. The private key is read by the senders only, never shown again.
CREATE TABLE dkim_keys (
    id          INTEGER PRIMARY KEY,
    domain      TEXT NOT NULL,
    selector    TEXT NOT NULL,
    algorithm   TEXT NOT NULL CHECK (algorithm IN ('rsa2048', 'ed25519')),
    private_key TEXT NOT NULL,
    public_key  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (domain, selector)
);

-- Every link of a campaign that is tracked: a click token names the link by id, never by its URL.
CREATE TABLE campaign_links (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    url         TEXT    NOT NULL,
    UNIQUE (campaign_id, url)
);

-- Keys the site makes for itself on first use (the MAC key of tracking tokens and VERP addresses).
CREATE TABLE app_secrets (
    name  TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
