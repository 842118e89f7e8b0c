using MimeKit;

namespace Campaigns.Mail.Bounces;

/// <summary>
/// The field groups of a delivery status (RFC 3464 section 2): per-message fields, then one group per recipient. Taken
/// from MimeKit's <see cref="MessageDeliveryStatus"/> when the part is typed as one, or read from text when an MTA sent
/// the same fields as text/plain. Groups that hold several recipients (a missing blank line) are split.
/// </summary>
internal sealed class DeliveryStatusFields
{
    private static readonly HashSet<string> RecipientFields = new(["Final-Recipient", "Original-Recipient", "Action", "Status", "Diagnostic-Code"], StringComparer.OrdinalIgnoreCase);

    private DeliveryStatusFields(List<Dictionary<string, string>> groups) => Groups = groups;

    /// <summary>Field name (case-insensitive) to value, one dictionary per group; later duplicates are ignored.</summary>
    public IReadOnlyList<Dictionary<string, string>> Groups { get; }

    public IEnumerable<Dictionary<string, string>> RecipientGroups =>
        Groups.Where(g => g.ContainsKey("Final-Recipient") || g.ContainsKey("Original-Recipient") || g.ContainsKey("X-Actual-Recipient"));

    public string? PerMessage(string field) => Groups.Select(g => g.GetValueOrDefault(field)).FirstOrDefault(v => v is not null);

    public static DeliveryStatusFields FromMimeKit(MessageDeliveryStatus part)
    {
        var fields = new List<List<KeyValuePair<string, string>>>();
        foreach (var group in part.StatusGroups)
        {
            fields.Add([.. group.Select(h => new KeyValuePair<string, string>(h.Field, h.Value ?? ""))]);
        }

        return Build(fields);
    }

    /// <summary>Fields written as text: "Name: value" lines, folded lines continued, groups separated by blank lines.</summary>
    public static DeliveryStatusFields FromText(string text)
    {
        var groups = new List<List<KeyValuePair<string, string>>>();
        var current = new List<KeyValuePair<string, string>>();
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.Trim().Length == 0)
            {
                if (current.Count > 0)
                {
                    groups.Add(current);
                    current = [];
                }

                continue;
            }

            if ((line[0] == ' ' || line[0] == '\t') && current.Count > 0)
            {
                var last = current[^1];
                current[^1] = new(last.Key, last.Value + " " + line.Trim());
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && colon < 40 && !line[..colon].Contains(' ', StringComparison.Ordinal))
            {
                current.Add(new(line[..colon], line[(colon + 1)..].Trim()));
            }
        }

        if (current.Count > 0)
        {
            groups.Add(current);
        }

        return Build(groups);
    }

    private static DeliveryStatusFields Build(List<List<KeyValuePair<string, string>>> raw)
    {
        var groups = new List<Dictionary<string, string>>();
        foreach (var fields in raw)
        {
            var group = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, rawValue) in fields)
            {
                var value = rawValue.ReplaceLineEndings(" ").Trim();
                // A recipient field seen twice in one group means the blank line between two recipients is missing.
                if (RecipientFields.Contains(name) && group.ContainsKey(name))
                {
                    groups.Add(group);
                    group = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                }

                group.TryAdd(name, value);
            }

            if (group.Count > 0)
            {
                groups.Add(group);
            }
        }

        return new DeliveryStatusFields(groups);
    }
}
