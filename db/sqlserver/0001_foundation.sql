-- Lists, subscribers, memberships, the global suppression list and CSV imports.
-- Times are UTC datetimeoffset. Enum-like columns hold lower-case names, checked.

CREATE TABLE dbo.lists (
    id          BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_lists PRIMARY KEY,
    name        NVARCHAR(200)  NOT NULL,
    description NVARCHAR(2000) NOT NULL CONSTRAINT df_lists_description DEFAULT N'',
    visibility  VARCHAR(10)    NOT NULL CONSTRAINT df_lists_visibility DEFAULT 'private'
                CONSTRAINT ck_lists_visibility CHECK (visibility IN ('private', 'public')),
    optin       VARCHAR(10)    NOT NULL CONSTRAINT df_lists_optin DEFAULT 'single'
                CONSTRAINT ck_lists_optin CHECK (optin IN ('single', 'double')),
    tags        NVARCHAR(MAX)  NOT NULL CONSTRAINT df_lists_tags DEFAULT N'[]'
                CONSTRAINT ck_lists_tags CHECK (ISJSON(tags) = 1),
    created_at  DATETIMEOFFSET NOT NULL,
    updated_at  DATETIMEOFFSET NOT NULL
);
GO
-- The default collation is case-insensitive, as SQLite's NOCASE is for list names.
CREATE UNIQUE INDEX ux_lists_name ON dbo.lists (name);
GO

-- email is kept as given; email_key is the unique normalized form (domain lower-cased, IDN in punycode).
-- A binary collation keeps keys that differ only in local-part case apart, as on SQLite.
CREATE TABLE dbo.subscribers (
    id          BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_subscribers PRIMARY KEY,
    email       NVARCHAR(320) NOT NULL,
    email_key   NVARCHAR(320) COLLATE Latin1_General_100_BIN2 NOT NULL,
    name        NVARCHAR(500) NOT NULL CONSTRAINT df_subscribers_name DEFAULT N'',
    attributes  NVARCHAR(MAX) NOT NULL CONSTRAINT df_subscribers_attributes DEFAULT N'{}'
                CONSTRAINT ck_subscribers_attributes CHECK (ISJSON(attributes) = 1),
    status      VARCHAR(12)   NOT NULL CONSTRAINT df_subscribers_status DEFAULT 'enabled'
                CONSTRAINT ck_subscribers_status CHECK (status IN ('enabled', 'blocklisted')),
    created_at  DATETIMEOFFSET NOT NULL,
    updated_at  DATETIMEOFFSET NOT NULL
);
GO
CREATE UNIQUE INDEX ux_subscribers_email_key ON dbo.subscribers (email_key);
GO

CREATE TABLE dbo.list_subscribers (
    list_id       BIGINT NOT NULL CONSTRAINT fk_list_subscribers_list REFERENCES dbo.lists (id) ON DELETE CASCADE,
    subscriber_id BIGINT NOT NULL CONSTRAINT fk_list_subscribers_subscriber REFERENCES dbo.subscribers (id) ON DELETE CASCADE,
    status        VARCHAR(12) NOT NULL
                  CONSTRAINT ck_list_subscribers_status CHECK (status IN ('unconfirmed', 'confirmed', 'unsubscribed')),
    created_at    DATETIMEOFFSET NOT NULL,
    updated_at    DATETIMEOFFSET NOT NULL,
    CONSTRAINT pk_list_subscribers PRIMARY KEY (list_id, subscriber_id)
);
GO
CREATE INDEX ix_list_subscribers_subscriber ON dbo.list_subscribers (subscriber_id);
GO

-- An address (its email_key) or a whole domain (and its subdomains) that is never mailed.
CREATE TABLE dbo.suppressions (
    id         BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_suppressions PRIMARY KEY,
    kind       VARCHAR(10)   NOT NULL CONSTRAINT ck_suppressions_kind CHECK (kind IN ('address', 'domain')),
    value      NVARCHAR(320) COLLATE Latin1_General_100_BIN2 NOT NULL,
    reason     NVARCHAR(1000) NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    CONSTRAINT ux_suppressions_kind_value UNIQUE (kind, value)
);
GO

CREATE TABLE dbo.imports (
    id           BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_imports PRIMARY KEY,
    list_id      BIGINT NOT NULL CONSTRAINT fk_imports_list REFERENCES dbo.lists (id) ON DELETE CASCADE,
    file_name    NVARCHAR(400) NOT NULL,
    mode         VARCHAR(12)   NOT NULL CONSTRAINT ck_imports_mode CHECK (mode IN ('add', 'upsert', 'unsubscribe', 'blocklist')),
    status       VARCHAR(12)   NOT NULL CONSTRAINT ck_imports_status CHECK (status IN ('running', 'completed', 'failed', 'cancelled')),
    rows_read    BIGINT NOT NULL CONSTRAINT df_imports_rows_read DEFAULT 0,
    added        BIGINT NOT NULL CONSTRAINT df_imports_added DEFAULT 0,
    updated      BIGINT NOT NULL CONSTRAINT df_imports_updated DEFAULT 0,
    unchanged    BIGINT NOT NULL CONSTRAINT df_imports_unchanged DEFAULT 0,
    skipped      BIGINT NOT NULL CONSTRAINT df_imports_skipped DEFAULT 0,
    bytes_read   BIGINT NOT NULL CONSTRAINT df_imports_bytes_read DEFAULT 0,
    bytes_total  BIGINT NOT NULL CONSTRAINT df_imports_bytes_total DEFAULT -1,
    message      NVARCHAR(2000) NOT NULL CONSTRAINT df_imports_message DEFAULT N'',
    started_at   DATETIMEOFFSET NOT NULL,
    heartbeat_at DATETIMEOFFSET NOT NULL,
    finished_at  DATETIMEOFFSET NULL
);
GO
-- At most one running import per list: a second one started at the same time fails on this index.
CREATE UNIQUE INDEX ux_imports_one_running_per_list ON dbo.imports (list_id) WHERE status = 'running';
GO

-- Every bad or skipped row of an import, for download.
CREATE TABLE dbo.import_errors (
    import_id BIGINT NOT NULL CONSTRAINT fk_import_errors_import REFERENCES dbo.imports (id) ON DELETE CASCADE,
    line      BIGINT NOT NULL,
    email     NVARCHAR(400) NOT NULL,
    reason    NVARCHAR(1000) NOT NULL,
    CONSTRAINT pk_import_errors PRIMARY KEY (import_id, line)
);
GO
