using System.Net;
using System.Text.RegularExpressions;
using MimeKit;

namespace Campaigns.Mail.Bounces;

/// <summary>The readable text of a bounce: its text parts (not those of the returned message), HTML reduced to text.</summary>
internal static partial class MessageText
{
    /// <summary>Enough for any bounce's explanation; keeps the regexes fast on a 50 MB message.</summary>
    public const int MaxLength = 256 * 1024;

    /// <summary>The text of the bounce's own parts, in order: text/plain preferred, HTML when a part has no plain version.</summary>
    public static string Of(MimeMessage message)
    {
        var plain = new List<string>();
        var html = new List<string>();
        foreach (var part in message.BodyParts)
        {
            if (part is TextPart text && !IsAttachedMessage(part))
            {
                if (text.IsHtml)
                {
                    html.Add(HtmlToPlain(Read(text)));
                }
                else if (text.IsPlain || text.ContentType.MediaSubtype.Equals("enriched", StringComparison.OrdinalIgnoreCase))
                {
                    plain.Add(Read(text));
                }
            }
        }

        // A multipart whose boundary never appears keeps everything in its preamble; seen at the top and nested (Verizon
        // and Apache James fold "boundary=" onto a line of its own, so the inner multipart/alternative has none).
        if (plain.Count == 0 && html.Count == 0)
        {
            foreach (var broken in BrokenMultiparts(message.Body))
            {
                plain.Add(WithoutPartHeaders(string.Concat(broken.Preamble, "\n", broken.Epilogue)));
            }
        }

        var all = string.Join("\n", plain.Count > 0 ? plain : html);
        return all.Length > MaxLength ? all[..MaxLength] : all;
    }

    /// <summary>The text of one part, or empty when its charset or encoding cannot be read.</summary>
    public static string Read(TextPart part)
    {
        try
        {
            var text = part.Text ?? "";
            return text.Length > MaxLength ? text[..MaxLength] : text;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or InvalidOperationException)
        {
            return "";
        }
    }

    /// <summary>Tags out, block ends as new lines, entities decoded: enough for finding addresses and reply codes.</summary>
    public static string HtmlToPlain(string html)
    {
        var text = Invisible().Replace(html, " ");
        text = BlockEnd().Replace(text, "\n");
        text = Tag().Replace(text, " ");
        return WebUtility.HtmlDecode(text);
    }

    /// <summary>The preamble of a broken multipart holds its parts raw: boundary lines and part headers are not text.</summary>
    private static string WithoutPartHeaders(string raw)
    {
        var kept = new List<string>();
        var inHeaders = false;
        foreach (var line in raw.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.StartsWith("--", StringComparison.Ordinal) && line.Length > 8 && !line.Contains(' ', StringComparison.Ordinal))
            {
                inHeaders = true;
                continue;
            }

            if (inHeaders)
            {
                if (line.Trim().Length == 0)
                {
                    inHeaders = false;
                }
                else if (PartHeaderLine().IsMatch(line) || line[0] is ' ' or '\t')
                {
                    continue;
                }
                else
                {
                    inHeaders = false;
                }
            }

            kept.Add(line);
        }

        return string.Join("\n", kept);
    }

    private static IEnumerable<Multipart> BrokenMultiparts(MimeEntity? entity)
    {
        if (entity is not Multipart multipart)
        {
            yield break;
        }

        if (multipart.Count == 0)
        {
            yield return multipart;
        }

        foreach (var child in multipart.SelectMany(BrokenMultiparts))
        {
            yield return child;
        }
    }

    private static bool IsAttachedMessage(MimeEntity part) =>
        part.ContentDisposition?.FileName is { } name && name.EndsWith(".eml", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"<(style|script|head)\b.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Invisible();

    [GeneratedRegex(@"<\s*(br|/p|/div|/tr|/li|/h\d|/table|p|div|tr|li)\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex BlockEnd();

    [GeneratedRegex(@"^(?:content-[\w-]+\s*:|boundary\s*=|mime-version\s*:)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PartHeaderLine();

    [GeneratedRegex(@"<[^>]{0,2000}>", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Tag();
}
