-- Sending: layouts, campaigns, the send ledger and its batches, fleet-wide throttles, DKIM keys, tracked links
-- and the site's own secrets. Throttle and lease times are BIGINT microseconds since 1970, as on SQLite.

CREATE TABLE dbo.templates (
    id         BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_templates PRIMARY KEY,
    name       NVARCHAR(200) NOT NULL,
    body       NVARCHAR(MAX) NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    updated_at DATETIMEOFFSET NOT NULL
);
GO
CREATE UNIQUE INDEX ux_templates_name ON dbo.templates (name);
GO

CREATE TABLE dbo.campaigns (
    id           BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_campaigns PRIMARY KEY,
    name         NVARCHAR(200) NOT NULL,
    subject      NVARCHAR(1000) NOT NULL,
    from_name    NVARCHAR(200) NOT NULL CONSTRAINT df_campaigns_from_name DEFAULT N'',
    from_address NVARCHAR(320) NOT NULL,
    reply_to     NVARCHAR(320) NULL,
    template_id  BIGINT NULL CONSTRAINT fk_campaigns_template REFERENCES dbo.templates (id) ON DELETE SET NULL,
    body         NVARCHAR(MAX) NOT NULL,
    track_opens  BIT NOT NULL CONSTRAINT df_campaigns_track_opens DEFAULT 1,
    track_clicks BIT NOT NULL CONSTRAINT df_campaigns_track_clicks DEFAULT 1,
    status       VARCHAR(12) NOT NULL CONSTRAINT df_campaigns_status DEFAULT 'draft'
                 CONSTRAINT ck_campaigns_status CHECK (status IN ('draft', 'scheduled', 'planning', 'sending', 'paused', 'cancelled', 'finished')),
    send_at      DATETIMEOFFSET NULL,
    time_zone    NVARCHAR(100) NOT NULL CONSTRAINT df_campaigns_time_zone DEFAULT N'UTC',
    planned      BIGINT NOT NULL CONSTRAINT df_campaigns_planned DEFAULT 0,
    lease_until  BIGINT NOT NULL CONSTRAINT df_campaigns_lease_until DEFAULT 0,
    created_at   DATETIMEOFFSET NOT NULL,
    updated_at   DATETIMEOFFSET NOT NULL,
    started_at   DATETIMEOFFSET NULL,
    finished_at  DATETIMEOFFSET NULL
);
GO
CREATE INDEX ix_campaigns_status ON dbo.campaigns (status);
GO

CREATE TABLE dbo.campaign_lists (
    campaign_id BIGINT NOT NULL CONSTRAINT fk_campaign_lists_campaign REFERENCES dbo.campaigns (id) ON DELETE CASCADE,
    list_id     BIGINT NOT NULL CONSTRAINT fk_campaign_lists_list REFERENCES dbo.lists (id) ON DELETE CASCADE,
    CONSTRAINT pk_campaign_lists PRIMARY KEY (campaign_id, list_id)
);
GO

CREATE TABLE dbo.send_batches (
    id          BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_send_batches PRIMARY KEY,
    campaign_id BIGINT NOT NULL CONSTRAINT fk_send_batches_campaign REFERENCES dbo.campaigns (id) ON DELETE CASCADE,
    domain      NVARCHAR(255) COLLATE Latin1_General_100_BIN2 NOT NULL,
    size        INT NOT NULL,
    status      VARCHAR(10) NOT NULL
                CONSTRAINT ck_send_batches_status CHECK (status IN ('pending', 'published', 'running', 'held', 'done')),
    not_before  BIGINT NOT NULL CONSTRAINT df_send_batches_not_before DEFAULT 0,
    holder      NVARCHAR(200) NULL,
    lease_until BIGINT NOT NULL CONSTRAINT df_send_batches_lease_until DEFAULT 0,
    created_at  DATETIMEOFFSET NOT NULL,
    updated_at  DATETIMEOFFSET NOT NULL
);
GO
CREATE INDEX ix_send_batches_status ON dbo.send_batches (status, not_before);
GO
CREATE INDEX ix_send_batches_campaign ON dbo.send_batches (campaign_id, status);
GO

CREATE TABLE dbo.sends (
    campaign_id     BIGINT NOT NULL CONSTRAINT fk_sends_campaign REFERENCES dbo.campaigns (id) ON DELETE CASCADE,
    subscriber_id   BIGINT NOT NULL,
    domain          NVARCHAR(255) COLLATE Latin1_General_100_BIN2 NOT NULL,
    batch_id        BIGINT NOT NULL,
    status          VARCHAR(10) NOT NULL
                    CONSTRAINT ck_sends_status CHECK (status IN ('queued', 'sending', 'sent', 'deferred', 'failed', 'cancelled')),
    attempts        INT NOT NULL CONSTRAINT df_sends_attempts DEFAULT 0,
    next_attempt_at BIGINT NOT NULL CONSTRAINT df_sends_next_attempt_at DEFAULT 0,
    last_reply      NVARCHAR(2000) NULL,
    message_id      NVARCHAR(400) NULL,
    server          NVARCHAR(200) NULL,
    updated_at      DATETIMEOFFSET NOT NULL,
    CONSTRAINT pk_sends PRIMARY KEY (campaign_id, subscriber_id)
);
GO
CREATE INDEX ix_sends_batch ON dbo.sends (batch_id);
GO
CREATE INDEX ix_sends_campaign_status ON dbo.sends (campaign_id, status);
GO
CREATE INDEX ix_sends_due ON dbo.sends (next_attempt_at) WHERE status = 'deferred';
GO

CREATE TABLE dbo.throttle_rules (
    domain          NVARCHAR(255) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_throttle_rules PRIMARY KEY,
    per_second      FLOAT NOT NULL CONSTRAINT ck_throttle_rules_rate CHECK (per_second > 0),
    max_connections INT NOT NULL CONSTRAINT ck_throttle_rules_connections CHECK (max_connections > 0)
);
GO
INSERT INTO dbo.throttle_rules (domain, per_second, max_connections) VALUES
    (N'*', 20, 5),
    (N'gmail.com', 50, 10),
    (N'googlemail.com', 50, 10);
GO

CREATE TABLE dbo.domain_throttles (
    domain        NVARCHAR(255) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_domain_throttles PRIMARY KEY,
    next_slot_at  BIGINT NOT NULL CONSTRAINT df_domain_throttles_next_slot DEFAULT 0,
    backoff_until BIGINT NOT NULL CONSTRAINT df_domain_throttles_backoff_until DEFAULT 0,
    backoff_level INT NOT NULL CONSTRAINT df_domain_throttles_backoff_level DEFAULT 0,
    last_reply    NVARCHAR(2000) NULL
);
GO

CREATE TABLE dbo.domain_connections (
    domain      NVARCHAR(255) COLLATE Latin1_General_100_BIN2 NOT NULL,
    slot        INT NOT NULL,
    holder      NVARCHAR(200) NOT NULL,
    lease_until BIGINT NOT NULL,
    CONSTRAINT pk_domain_connections PRIMARY KEY (domain, slot)
);
GO

CREATE TABLE dbo.dkim_keys (
    id          BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_dkim_keys PRIMARY KEY,
    domain      NVARCHAR(255) NOT NULL,
    selector    NVARCHAR(63) NOT NULL,
    algorithm   VARCHAR(10) NOT NULL CONSTRAINT ck_dkim_keys_algorithm CHECK (algorithm IN ('rsa2048', 'ed25519')),
    private_key NVARCHAR(MAX) NOT NULL,
    public_key  NVARCHAR(MAX) NOT NULL,
    created_at  DATETIMEOFFSET NOT NULL,
    CONSTRAINT ux_dkim_keys_domain_selector UNIQUE (domain, selector)
);
GO

CREATE TABLE dbo.campaign_links (
    id          BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_campaign_links PRIMARY KEY,
    campaign_id BIGINT NOT NULL CONSTRAINT fk_campaign_links_campaign REFERENCES dbo.campaigns (id) ON DELETE CASCADE,
    url         NVARCHAR(2000) NOT NULL,
    url_hash    AS CAST(HASHBYTES('SHA2_256', url) AS BINARY(32)) PERSISTED
);
GO
-- URLs are longer than an index key may be: they are unique by their hash.
CREATE UNIQUE INDEX ux_campaign_links_url ON dbo.campaign_links (campaign_id, url_hash);
GO

CREATE TABLE dbo.app_secrets (
    name  NVARCHAR(100) NOT NULL CONSTRAINT pk_app_secrets PRIMARY KEY,
    value NVARCHAR(400) NOT NULL
);
GO
