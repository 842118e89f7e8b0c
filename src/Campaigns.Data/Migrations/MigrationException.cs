namespace Campaigns.Data.Migrations;

/// <summary>A script failed; the database stays at the version before it.</summary>
public sealed class MigrationException(string script, int line, string message, Exception inner)
    : Exception($"Migration {script} failed at line {line}: {message}. The database was left at the previous version.", inner)
{
    public string Script { get; } = script;

    public int Line { get; } = line;
}
