namespace Campaigns.Data.Migrations;

/// <param name="Version">The number the file name starts with (0001_initial.sql is version 1).</param>
/// <param name="Name">The path as the repository has it, e.g. db/sqlite/0001_initial.sql.</param>
public sealed record MigrationScript(int Version, string Name, string Text);
