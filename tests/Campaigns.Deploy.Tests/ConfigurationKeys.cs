using System.Reflection;
using Campaigns.Data.Infrastructure;
using Campaigns.Sending;
using Campaigns.Sending.Transport;

namespace Campaigns.Deploy.Tests;

/// <summary>
/// Whether an environment variable names a configuration key the code reads: found by reflection over the
/// options classes and their section constants, so a renamed property breaks the deploy tests, not production.
/// </summary>
internal static class ConfigurationKeys
{
    private static readonly HashSet<string> Plain = new(StringComparer.OrdinalIgnoreCase)
    {
        $"ConnectionStrings:{DatabaseOptions.ConnectionStringName}",
        $"ConnectionStrings:{SendingServiceCollectionExtensions.RabbitMqConnectionName}",
        "Campaigns:Web:RunWorkers",
        "Campaigns:DataDirectory",
        "Logging:LogLevel:Default",
        "ASPNETCORE_HTTP_PORTS",
    };

    public static bool IsKnown(string environmentVariable)
    {
        var key = environmentVariable.Replace("__", ":", StringComparison.Ordinal);
        if (Plain.Contains(key))
        {
            return true;
        }

        if (TryProperty(key, SendingOptions.Section, typeof(SendingOptions)))
        {
            return true;
        }

        // Campaigns:Smtp:Servers:N:Property
        var servers = $"{SmtpTransportOptions.Section}:{nameof(SmtpTransportOptions.Servers)}:";
        if (key.StartsWith(servers, StringComparison.OrdinalIgnoreCase))
        {
            var rest = key[servers.Length..].Split(':');
            return rest.Length == 2 && int.TryParse(rest[0], out _) && HasProperty(typeof(SmtpServerOptions), rest[1]);
        }

        return TryProperty(key, SmtpTransportOptions.Section, typeof(SmtpTransportOptions));
    }

    private static bool TryProperty(string key, string section, Type options) =>
        key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase) && HasProperty(options, key[(section.Length + 1)..]);

    private static bool HasProperty(Type type, string name) =>
        type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is { CanWrite: true };
}
