using System.Globalization;
using System.Text;

namespace Campaigns.Core.Subscribers;

/// <summary>
/// Syntax checks and normalization of addresses as marketers' lists hold them: RFC 5321/5322 dot-atom or
/// quoted local parts (UTF-8 allowed, RFC 6531), a DNS domain (IDN converted to punycode). Address literals
/// and bare host names are refused: nobody runs a newsletter to them.
/// </summary>
public static class EmailAddress
{
    public const int MaxLength = 254;
    public const int MaxLocalPartBytes = 64;

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    public static bool TryNormalize(string? input, out NormalizedEmail email, out string error)
    {
        email = default;
        var trimmed = (input ?? "").Trim();
        if (trimmed.Length == 0)
        {
            error = "the email is empty";
            return false;
        }

        if (trimmed.Length > MaxLength * 4)
        {
            error = "the email is too long";
            return false;
        }

        var at = trimmed.LastIndexOf('@');
        if (at < 0)
        {
            error = "the email has no @";
            return false;
        }

        var local = trimmed[..at];
        var domain = trimmed[(at + 1)..];
        if (local.Length == 0)
        {
            error = "the email has nothing before the @";
            return false;
        }

        if (domain.Length == 0)
        {
            error = "the email has no domain after the @";
            return false;
        }

        if (!IsValidLocalPart(local, out error))
        {
            return false;
        }

        if (!TryNormalizeDomain(domain, out var asciiDomain, out error))
        {
            return false;
        }

        var key = local + "@" + asciiDomain;
        if (Encoding.UTF8.GetByteCount(key) > MaxLength)
        {
            error = $"the email is longer than {MaxLength} characters";
            return false;
        }

        email = new NormalizedEmail(trimmed, key, asciiDomain);
        error = "";
        return true;
    }

    /// <summary>Normalizes a domain as subscriber keys hold it; false when it is not a usable DNS name.</summary>
    public static bool TryNormalizeDomain(string domain, out string asciiDomain, out string error)
    {
        asciiDomain = "";
        if (domain.StartsWith('['))
        {
            error = "addresses at an IP literal are not accepted";
            return false;
        }

        string ascii;
        if (IsAscii(domain))
        {
            ascii = domain.ToLowerInvariant();
        }
        else
        {
            try
            {
                ascii = Idn.GetAscii(domain).ToLowerInvariant();
            }
            catch (ArgumentException)
            {
                error = "the domain is not a valid international domain name";
                return false;
            }
        }

        if (ascii.Length > 253)
        {
            error = "the domain is too long";
            return false;
        }

        var labels = ascii.Split('.');
        if (labels.Length < 2)
        {
            error = "the domain has no dot (no top-level domain)";
            return false;
        }

        foreach (var label in labels)
        {
            if (label.Length == 0)
            {
                error = "the domain has an empty part (two dots in a row, or a leading or trailing dot)";
                return false;
            }

            if (label.Length > 63)
            {
                error = "a part of the domain is longer than 63 characters";
                return false;
            }

            if (label[0] == '-' || label[^1] == '-')
            {
                error = "a part of the domain starts or ends with a hyphen";
                return false;
            }

            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
                {
                    error = $"the domain contains '{Printable(c)}'";
                    return false;
                }
            }
        }

        if (labels[^1].All(char.IsAsciiDigit))
        {
            error = "the domain ends in a number, not a top-level domain";
            return false;
        }

        asciiDomain = ascii;
        error = "";
        return true;
    }

    private static bool IsValidLocalPart(string local, out string error)
    {
        if (Encoding.UTF8.GetByteCount(local) > MaxLocalPartBytes)
        {
            error = $"the part before the @ is longer than {MaxLocalPartBytes} bytes";
            return false;
        }

        if (local.Length >= 2 && local[0] == '"' && local[^1] == '"')
        {
            return IsValidQuotedString(local.AsSpan(1, local.Length - 2), out error);
        }

        if (local[0] == '.' || local[^1] == '.')
        {
            error = "the part before the @ starts or ends with a dot";
            return false;
        }

        if (local.Contains("..", StringComparison.Ordinal))
        {
            error = "the part before the @ has two dots in a row";
            return false;
        }

        foreach (var c in local)
        {
            if (c == '.' || IsAtext(c))
            {
                continue;
            }

            error = c switch
            {
                ' ' or '\t' => "the email contains a space",
                '@' => "the email contains more than one @",
                _ => $"the part before the @ contains '{Printable(c)}'",
            };
            return false;
        }

        error = "";
        return true;
    }

    private static bool IsValidQuotedString(ReadOnlySpan<char> content, out string error)
    {
        for (var i = 0; i < content.Length; i++)
        {
            var c = content[i];
            if (c == '\\')
            {
                i++;
                if (i == content.Length || char.IsControl(content[i]))
                {
                    error = "the quoted part before the @ ends in a lone backslash";
                    return false;
                }

                continue;
            }

            if (c == '"' || char.IsControl(c))
            {
                error = "the quoted part before the @ contains an unescaped quote or a control character";
                return false;
            }
        }

        error = "";
        return true;
    }

    // RFC 5322 atext, plus any non-ASCII character for UTF-8 local parts (RFC 6531).
    private static bool IsAtext(char c) =>
        char.IsAsciiLetterOrDigit(c)
        || "!#$%&'*+-/=?^_`{|}~".Contains(c, StringComparison.Ordinal)
        || (c > 127 && !char.IsControl(c) && !char.IsWhiteSpace(c));

    private static bool IsAscii(string s)
    {
        foreach (var c in s)
        {
            if (c > 127)
            {
                return false;
            }
        }

        return true;
    }

    private static string Printable(char c) => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString();
}
