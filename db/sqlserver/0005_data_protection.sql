-- ASP.NET Core Data Protection keys (they sign the session cookies and antiforgery tokens), kept in the
-- database so a restarted web host, or a second one behind the same load balancer, reads the same keys.
CREATE TABLE dbo.data_protection_keys (
    id            BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_data_protection_keys PRIMARY KEY,
    friendly_name NVARCHAR(200) NOT NULL,
    xml           NVARCHAR(MAX) NOT NULL,
    created_at    DATETIMEOFFSET NOT NULL
);
GO
