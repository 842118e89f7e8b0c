using System.Text;

namespace Campaigns.Core.Import;

/// <summary>
/// Maps a CSV header to subscriber fields, recognizing what Mailchimp, listmonk, Sendy and spreadsheets write
/// ("Email Address", "E-mail", "First Name", "Surname", listmonk's JSON "attributes" column...).
/// </summary>
public static class HeaderMapper
{
    public const int MaxColumns = 1000;

    private static readonly HashSet<string> EmailHeaders =
        ["email", "emailaddress", "mail", "emailaddr", "mailaddress", "subscriberemail", "primaryemail", "contactemail", "useremail", "correo", "courriel"];

    private static readonly HashSet<string> NameHeaders =
        ["name", "fullname", "subscribername", "displayname", "contactname", "nom", "nombre"];

    private static readonly HashSet<string> FirstNameHeaders =
        ["firstname", "fname", "givenname", "first", "forename", "vorname", "prenom"];

    private static readonly HashSet<string> LastNameHeaders =
        ["lastname", "lname", "surname", "familyname", "last", "nachname"];

    private static readonly HashSet<string> AttributesJsonHeaders = ["attributes", "attribs"];

    // Bookkeeping columns of our own export and of listmonk's: state that an import must not copy blindly.
    private static readonly HashSet<string> IgnoredHeaders =
        ["uuid", "status", "subscriberstatus", "liststatus", "createdat", "updatedat", "subscribedat"];

    public static IReadOnlyList<ColumnMapping> Map(IReadOnlyList<string> headers, IReadOnlyDictionary<string, ColumnTarget>? overrides = null)
    {
        if (headers.Count > MaxColumns)
        {
            throw new ImportFormatException($"The header has {headers.Count} columns; at most {MaxColumns} are supported.");
        }

        var explicitTargets = overrides is null
            ? new Dictionary<string, ColumnTarget>(StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, ColumnTarget>(overrides, StringComparer.OrdinalIgnoreCase);
        foreach (var header in explicitTargets.Keys)
        {
            if (!headers.Any(h => string.Equals(h.Trim(), header.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                throw new ImportFormatException($"The mapping names a column '{header}' that the file does not have. Columns: {Describe(headers)}.");
            }
        }

        var taken = new HashSet<ColumnTarget>();
        // first_name and last_name are where the first and last name columns are kept as attributes.
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "first_name", "last_name" };
        var result = new List<ColumnMapping>(headers.Count);
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i].Trim();
            var target = explicitTargets.TryGetValue(header, out var t) ? t : Guess(header);

            // One column per field: a second "email" column becomes an attribute rather than silently winning.
            if (target is not (ColumnTarget.Attribute or ColumnTarget.Ignore) && !taken.Add(target))
            {
                target = ColumnTarget.Attribute;
            }

            var key = "";
            if (target == ColumnTarget.Attribute)
            {
                key = UniqueKey(header.Length == 0 ? $"column{i + 1}" : header, keys);
            }

            result.Add(new ColumnMapping(i, header, target, key));
        }

        if (!taken.Contains(ColumnTarget.Email))
        {
            // A single header that mentions "email" anywhere ("Work E-mail", "email_1") is taken as the address.
            var candidates = result.Where(m => m.Target == ColumnTarget.Attribute && Normalize(m.Header).Contains("mail", StringComparison.Ordinal)).ToList();
            if (candidates.Count == 1)
            {
                var c = candidates[0];
                result[c.Index] = c with { Target = ColumnTarget.Email, AttributeKey = "" };
            }
            else
            {
                throw new ImportFormatException(
                    $"No email column found. The header has: {Describe(headers)}. Name the email column in the mapping.");
            }
        }

        return result;
    }

    /// <summary>The header text reduced to lower-case letters and digits: "E-mail Address" becomes "emailaddress".</summary>
    internal static string Normalize(string header)
    {
        var sb = new StringBuilder(header.Length);
        foreach (var c in header.Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(c) && c < 128)
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }

    private static ColumnTarget Guess(string header)
    {
        var n = Normalize(header);
        if (EmailHeaders.Contains(n))
        {
            return ColumnTarget.Email;
        }

        if (NameHeaders.Contains(n))
        {
            return ColumnTarget.Name;
        }

        if (FirstNameHeaders.Contains(n))
        {
            return ColumnTarget.FirstName;
        }

        if (LastNameHeaders.Contains(n))
        {
            return ColumnTarget.LastName;
        }

        if (IgnoredHeaders.Contains(n))
        {
            return ColumnTarget.Ignore;
        }

        return AttributesJsonHeaders.Contains(n) ? ColumnTarget.AttributesJson : ColumnTarget.Attribute;
    }

    private static string UniqueKey(string key, HashSet<string> keys)
    {
        var candidate = key;
        for (var n = 2; !keys.Add(candidate); n++)
        {
            candidate = $"{key}_{n}";
        }

        return candidate;
    }

    private static string Describe(IReadOnlyList<string> headers) =>
        headers.Count == 0 ? "(nothing)" : string.Join(", ", headers.Take(20).Select(h => $"'{Shorten(h.Trim(), 40)}'"))
            + (headers.Count > 20 ? $" and {headers.Count - 20} more" : "");

    internal static string Shorten(string s, int max) => s.Length <= max ? s : string.Concat(s.AsSpan(0, max), "…");
}
