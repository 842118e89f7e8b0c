using System.Text.RegularExpressions;

namespace Campaigns.Mail.Bounces;

/// <summary>Finds and tidies email addresses in header values and prose.</summary>
internal static partial class AddressText
{
    /// <summary>Every address in a text, in order, trimmed of brackets, quotes and trailing dots.</summary>
    public static IEnumerable<string> FindAll(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        foreach (Match m in Address().Matches(text))
        {
            var a = Tidy(m.Value);
            if (a is not null)
            {
                yield return a;
            }
        }
    }

    public static string? FindFirst(string? text) => FindAll(text).FirstOrDefault();

    /// <summary>The address of a DSN recipient field: "rfc822; user@example.com", "RFC822; &lt;user@example.com&gt;", "utf-8; ...".</summary>
    public static string? FromRecipientField(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var v = value.ReplaceLineEndings(" ").Trim();
        var semicolon = v.IndexOf(';', StringComparison.Ordinal);
        if (semicolon >= 0 && semicolon < 20)
        {
            v = v[(semicolon + 1)..].Trim();
        }

        // RFC 6533 utf-8 addresses may carry \x{HEX} escapes for characters that could not be written.
        v = Utf8Escape().Replace(v, m => char.ConvertFromUtf32(Convert.ToInt32(m.Groups[1].Value, 16)));
        return FindFirst(v) ?? (v.Length > 0 && v.Length < 320 && !v.Contains(' ', StringComparison.Ordinal) ? v.Trim('<', '>') : null);
    }

    /// <summary>Postmaster and mailer-daemon addresses are the senders of bounces, never the failed recipient.</summary>
    public static bool IsSystemAddress(string address)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        var local = (at < 0 ? address : address[..at]).ToLowerInvariant();
        return local is "mailer-daemon" or "postmaster" or "post_master" or "mail-daemon" or "mailerdaemon" or "noreply-dmarc-support" or "no-reply" or "noreply" or "daemon"
            || local.StartsWith("mailer-daemon", StringComparison.Ordinal) || local.StartsWith("postmaster", StringComparison.Ordinal);
    }

    private static string? Tidy(string raw)
    {
        var a = raw.Trim().Trim('<', '>', '"', '\'', '(', ')', '[', ']', ',', ';', ':').TrimEnd('.');
        if (a.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            a = a[7..];
        }

        var at = a.LastIndexOf('@');
        if (at <= 0 || at == a.Length - 1 || !a[(at + 1)..].Contains('.', StringComparison.Ordinal) || a.Length > 254)
        {
            return null;
        }

        return a;
    }

    // Local parts as seen in bounces (quotes are rare enough to ignore); the domain needs a dot.
    [GeneratedRegex(@"(?<![\w.+-])[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Address();

    [GeneratedRegex(@"\\x\{([0-9A-Fa-f]{1,6})\}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Utf8Escape();
}
