-- People who sign in to the admin UI, the API keys programs use, and indexes that make searching a million
-- subscribers by the start of an email address or name an index seek.

-- password_hash is ASP.NET Core Identity's PBKDF2 format; security_stamp changes on "sign out everywhere",
-- a password or role change, and every cookie carrying an older stamp stops working.
CREATE TABLE dbo.users (
    id              BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_users PRIMARY KEY,
    email           NVARCHAR(320) NOT NULL,
    name            NVARCHAR(200) NOT NULL CONSTRAINT df_users_name DEFAULT N'',
    role            VARCHAR(10)   NOT NULL CONSTRAINT ck_users_role CHECK (role IN ('admin', 'editor', 'viewer')),
    password_hash   VARCHAR(400)  NOT NULL,
    security_stamp  VARCHAR(64)   NOT NULL,
    failed_attempts INT           NOT NULL CONSTRAINT df_users_failed_attempts DEFAULT 0,
    locked_until    DATETIMEOFFSET NULL,
    created_at      DATETIMEOFFSET NOT NULL,
    last_sign_in_at DATETIMEOFFSET NULL
);
GO
CREATE UNIQUE INDEX ux_users_email ON dbo.users (email);
GO

-- A key is shown once as cmp_PREFIX_SECRET; only the prefix (to find it) and a SHA-256 of the secret are kept.
CREATE TABLE dbo.api_keys (
    id           BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_api_keys PRIMARY KEY,
    name         NVARCHAR(200) NOT NULL,
    prefix       VARCHAR(32)   NOT NULL,
    secret_hash  VARCHAR(128)  NOT NULL,
    scopes       NVARCHAR(1000) NOT NULL CONSTRAINT ck_api_keys_scopes CHECK (ISJSON(scopes) = 1),
    created_by   BIGINT NULL CONSTRAINT fk_api_keys_users REFERENCES dbo.users (id) ON DELETE SET NULL,
    created_at   DATETIMEOFFSET NOT NULL,
    last_used_at DATETIMEOFFSET NULL,
    revoked_at   DATETIMEOFFSET NULL
);
GO
CREATE UNIQUE INDEX ux_api_keys_prefix ON dbo.api_keys (prefix);
GO

-- email_key is binary-collated (case-sensitive keys); searches go through a lower-cased copy.
ALTER TABLE dbo.subscribers ADD email_lower AS LOWER(email_key) PERSISTED;
GO
CREATE INDEX ix_subscribers_email_lower ON dbo.subscribers (email_lower);
GO
CREATE INDEX ix_subscribers_name ON dbo.subscribers (name);
GO

-- A subscriber's page lists their sends.
CREATE INDEX ix_sends_subscriber ON dbo.sends (subscriber_id);
GO
