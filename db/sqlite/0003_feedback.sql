-- Feedback: opens and clicks, bounces and complaints, and every change of a membership that a reader or a
-- bounce made (unsubscribe, confirm, subscribe), each tied to a campaign and a subscriber where known.

-- Opens and clicks, written in batches. prefetch marks opens made by a mail provider's proxy rather than a
-- reader (Apple Mail Privacy Protection and the like), where they can be told apart.
CREATE TABLE tracking_events (
    id            INTEGER PRIMARY KEY,
    campaign_id   INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    subscriber_id INTEGER NOT NULL,
    kind          TEXT    NOT NULL CHECK (kind IN ('open', 'click')),
    link_id       INTEGER NULL,
    prefetch      INTEGER NOT NULL DEFAULT 0 CHECK (prefetch IN (0, 1)),
    at            TEXT    NOT NULL
);

CREATE INDEX ix_tracking_events_campaign ON tracking_events (campaign_id, kind, at);
CREATE INDEX ix_tracking_events_subscriber ON tracking_events (subscriber_id, campaign_id);

-- Bounces and complaints: synchronous SMTP failures and what the bounce mailbox received. source_key makes a
-- message processed twice (a crash between recording and moving it) count once.
CREATE TABLE bounces (
    id            INTEGER PRIMARY KEY,
    campaign_id   INTEGER NULL REFERENCES campaigns (id) ON DELETE SET NULL,
    subscriber_id INTEGER NULL,
    email         TEXT    NOT NULL,
    kind          TEXT    NOT NULL CHECK (kind IN ('hard', 'soft', 'complaint', 'autoreply', 'unknown')),
    source        TEXT    NOT NULL CHECK (source IN ('smtp', 'mailbox')),
    status        TEXT    NULL,
    reason        TEXT    NOT NULL,
    source_key    TEXT    NOT NULL UNIQUE,
    created_at    TEXT    NOT NULL
);

CREATE INDEX ix_bounces_subscriber ON bounces (subscriber_id, kind, created_at);
CREATE INDEX ix_bounces_campaign ON bounces (campaign_id, kind);
CREATE INDEX ix_bounces_email ON bounces (email, kind, created_at);
-- A returned message names what bounced by its Message-ID when the VERP address was lost.
CREATE INDEX ix_sends_message_id ON sends (message_id) WHERE message_id IS NOT NULL;

-- Membership changes made by readers, forms and bounces (imports keep their own history in imports).
CREATE TABLE subscription_events (
    id            INTEGER PRIMARY KEY,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    -- No foreign keys: the history outlives a deleted list or campaign.
    list_id       INTEGER NULL,
    campaign_id   INTEGER NULL,
    kind          TEXT    NOT NULL CHECK (kind IN ('subscribe', 'confirm', 'unsubscribe', 'suppress')),
    source        TEXT    NOT NULL,
    at            TEXT    NOT NULL
);

CREATE INDEX ix_subscription_events_subscriber ON subscription_events (subscriber_id, at);
CREATE INDEX ix_subscription_events_campaign ON subscription_events (campaign_id, kind);
