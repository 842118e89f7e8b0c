namespace Campaigns.Data.Migrations;

public sealed record AppliedMigration(int Version, string Name, DateTimeOffset AppliedAt);
