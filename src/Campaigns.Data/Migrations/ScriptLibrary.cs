using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Campaigns.Data.Infrastructure;

namespace Campaigns.Data.Migrations;

/// <summary>The numbered scripts under db/ (embedded in this assembly), in order.</summary>
public static partial class ScriptLibrary
{
    public static IReadOnlyList<MigrationScript> For(DatabaseProvider provider)
    {
        var folder = provider == DatabaseProvider.Sqlite ? "db/sqlite/" : "db/sqlserver/";
        var assembly = typeof(ScriptLibrary).Assembly;
        var scripts = new List<MigrationScript>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(folder, StringComparison.Ordinal)))
        {
            var match = VersionPattern().Match(Path.GetFileName(name));
            if (!match.Success)
            {
                throw new InvalidOperationException($"{name} does not start with a version number (0001_name.sql).");
            }

            scripts.Add(new MigrationScript(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), name, Read(assembly, name)));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < scripts.Count; i++)
        {
            if (scripts[i].Version == scripts[i - 1].Version)
            {
                throw new InvalidOperationException($"{scripts[i - 1].Name} and {scripts[i].Name} share version {scripts[i].Version}.");
            }
        }

        return scripts;
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(\d+)_[\w.-]+\.sql$")]
    private static partial Regex VersionPattern();
}
