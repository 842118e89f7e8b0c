-- ASP.NET Core Data Protection keys (they sign the session cookies and antiforgery tokens), kept in the
-- database so a restarted web host, or a second one behind the same load balancer, reads the same keys.
CREATE TABLE data_protection_keys (
    id            INTEGER PRIMARY KEY,
    friendly_name TEXT NOT NULL,
    xml           TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
