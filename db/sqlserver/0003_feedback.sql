-- Feedback: opens and clicks, bounces and complaints, and every change of a membership that a reader or a
-- bounce made (unsubscribe, confirm, subscribe), each tied to a campaign and a subscriber where known.

CREATE TABLE dbo.tracking_events (
    id            BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_tracking_events PRIMARY KEY,
    campaign_id   BIGINT NOT NULL CONSTRAINT fk_tracking_events_campaign REFERENCES dbo.campaigns (id) ON DELETE CASCADE,
    subscriber_id BIGINT NOT NULL,
    kind          VARCHAR(8) NOT NULL CONSTRAINT ck_tracking_events_kind CHECK (kind IN ('open', 'click')),
    link_id       BIGINT NULL,
    prefetch      BIT NOT NULL CONSTRAINT df_tracking_events_prefetch DEFAULT 0,
    at            DATETIMEOFFSET NOT NULL
);
GO
CREATE INDEX ix_tracking_events_campaign ON dbo.tracking_events (campaign_id, kind, at);
GO
CREATE INDEX ix_tracking_events_subscriber ON dbo.tracking_events (subscriber_id, campaign_id);
GO

CREATE TABLE dbo.bounces (
    id            BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_bounces PRIMARY KEY,
    campaign_id   BIGINT NULL CONSTRAINT fk_bounces_campaign REFERENCES dbo.campaigns (id) ON DELETE SET NULL,
    subscriber_id BIGINT NULL,
    email         NVARCHAR(320) NOT NULL,
    kind          VARCHAR(10) NOT NULL CONSTRAINT ck_bounces_kind CHECK (kind IN ('hard', 'soft', 'complaint', 'autoreply', 'unknown')),
    source        VARCHAR(10) NOT NULL CONSTRAINT ck_bounces_source CHECK (source IN ('smtp', 'mailbox')),
    status        VARCHAR(16) NULL,
    reason        NVARCHAR(2000) NOT NULL,
    source_key    NVARCHAR(450) NOT NULL CONSTRAINT ux_bounces_source_key UNIQUE,
    created_at    DATETIMEOFFSET NOT NULL
);
GO
CREATE INDEX ix_bounces_subscriber ON dbo.bounces (subscriber_id, kind, created_at);
GO
CREATE INDEX ix_bounces_campaign ON dbo.bounces (campaign_id, kind);
GO
CREATE INDEX ix_bounces_email ON dbo.bounces (email, kind, created_at);
GO
-- A returned message names what bounced by its Message-ID when the VERP address was lost.
CREATE INDEX ix_sends_message_id ON dbo.sends (message_id) WHERE message_id IS NOT NULL;
GO

CREATE TABLE dbo.subscription_events (
    id            BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_subscription_events PRIMARY KEY,
    subscriber_id BIGINT NOT NULL CONSTRAINT fk_subscription_events_subscriber REFERENCES dbo.subscribers (id) ON DELETE CASCADE,
    -- No foreign keys: the history outlives a deleted list or campaign.
    list_id       BIGINT NULL,
    campaign_id   BIGINT NULL,
    kind          VARCHAR(12) NOT NULL CONSTRAINT ck_subscription_events_kind CHECK (kind IN ('subscribe', 'confirm', 'unsubscribe', 'suppress')),
    source        VARCHAR(40) NOT NULL,
    at            DATETIMEOFFSET NOT NULL
);
GO
CREATE INDEX ix_subscription_events_subscriber ON dbo.subscription_events (subscriber_id, at);
GO
CREATE INDEX ix_subscription_events_campaign ON dbo.subscription_events (campaign_id, kind);
GO
