using Campaigns.Core.Common;

namespace Campaigns.Web.Api;

/// <summary>Enum values in query strings, read without regard to case ("upsert", "Upsert"), as the JSON bodies are.</summary>
internal static class QueryEnum
{
    public static T? Parse<T>(string? value, string name)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new ValidationException($"'{value}' is not a valid {name}: use one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.", name);
    }
}
