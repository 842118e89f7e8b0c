using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace Campaigns.Deploy.Tests;

/// <summary>The repository's files as the tests read them: found from the test's folder upwards, YAML parsed with merge keys.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>A YAML file as nested dictionaries and lists, &lt;&lt; merge keys applied.</summary>
    public static Dictionary<object, object> Yaml(string relative) => YamlDocuments(relative).Single();

    public static List<Dictionary<object, object>> YamlDocuments(string relative)
    {
        var deserializer = new DeserializerBuilder().Build();
        using var reader = new StringReader(File.ReadAllText(PathOf(relative)));
        var parser = new MergingParser(new Parser(reader));
        var documents = new List<Dictionary<object, object>>();
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        while (!parser.Accept<YamlDotNet.Core.Events.StreamEnd>(out _))
        {
            documents.Add(deserializer.Deserialize<Dictionary<object, object>>(parser));
        }

        return documents;
    }

    public static Dictionary<object, object> Map(this object? node, string key) =>
        (node as Dictionary<object, object>)?.GetValueOrDefault(key) as Dictionary<object, object> ?? [];

    public static List<object> List(this object? node, string key) =>
        (node as Dictionary<object, object>)?.GetValueOrDefault(key) as List<object> ?? [];

    public static string? Text(this object? node, string key) => (node as Dictionary<object, object>)?.GetValueOrDefault(key)?.ToString();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Campaigns.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Campaigns.sln not found above the test folder");
    }

    public static YamlStream Stream(string relative)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(PathOf(relative))));
        return stream;
    }
}
