using Campaigns.Core.Common;

namespace Campaigns.Core.Lists;

/// <summary>What a marketer fills in to create a list.</summary>
public sealed record NewList(
    string Name,
    string Description = "",
    ListVisibility Visibility = ListVisibility.Private,
    OptInKind OptIn = OptInKind.Single,
    IReadOnlyList<string>? Tags = null)
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2000;

    /// <summary>Trims and checks the fields; throws <see cref="ValidationException"/> on the first problem.</summary>
    public NewList Validated()
    {
        var name = (Name ?? "").Trim();
        if (name.Length == 0)
        {
            throw new ValidationException("A list needs a name.");
        }

        if (name.Length > MaxNameLength)
        {
            throw new ValidationException($"A list name can be at most {MaxNameLength} characters.");
        }

        if (name.Any(char.IsControl))
        {
            throw new ValidationException("A list name cannot contain control characters.");
        }

        var description = (Description ?? "").Trim();
        if (description.Length > MaxDescriptionLength)
        {
            throw new ValidationException($"A description can be at most {MaxDescriptionLength} characters.");
        }

        var tags = (Tags ?? [])
            .Select(t => t.Trim())
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        if (tags.Any(t => t.Length > 100 || t.Any(char.IsControl)))
        {
            throw new ValidationException("A tag can be at most 100 characters, without control characters.");
        }

        return this with { Name = name, Description = description, Tags = tags };
    }
}
