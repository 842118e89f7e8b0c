using System.Net;
using System.Text.RegularExpressions;
using Campaigns.Mail.Messages;

namespace Campaigns.Mail.Tracking;

/// <summary>
/// Points a rendered message's http(s) links at the click redirect and adds the open pixel. Works on the
/// rendered HTML with one regular expression (no HTML parse per recipient); mailto:, anchors and the
/// unsubscribe and preferences links themselves are left alone. The sending path writes the result straight
/// into the message's UTF-8 body, with no second copy of the HTML as a string.
/// </summary>
public static partial class LinkRewriter
{
    private const string PixelTail = "\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;width:1px;height:1px;border:0\">";

    /// <summary>Writes <paramref name="html"/> with its links tracked and the pixel added, as UTF-8, to <paramref name="output"/>.</summary>
    public static async ValueTask RewriteToAsync(ReadOnlyMemory<char> html, Func<string, ValueTask<string?>> trackedUrlFor, string? openPixelUrl, Utf8Buffer output)
    {
        var edits = await PlanAsync(html, trackedUrlFor, openPixelUrl);
        Apply(html.Span, edits, openPixelUrl, output);
    }

    /// <summary>The replacements (url position, length, tracked url HTML-encoded), then where the pixel goes (-1: none).</summary>
    private static async ValueTask<(List<(int Index, int Length, string Url)> Links, int PixelAt)> PlanAsync(
        ReadOnlyMemory<char> html, Func<string, ValueTask<string?>> trackedUrlFor, string? openPixelUrl)
    {
        var links = new List<(int, int, string)>();
        foreach (var (index, length) in UrlsIn(html.Span))
        {
            var url = WebUtility.HtmlDecode(html.Span.Slice(index, length).ToString()).Trim();
            if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (await trackedUrlFor(url) is { } tracked)
            {
                links.Add((index, length, WebUtility.HtmlEncode(tracked)));
            }
        }

        var pixelAt = -1;
        if (openPixelUrl is not null)
        {
            // Just before </body> (or at the end), written in the same pass.
            var last = links.Count > 0 ? links[^1].Item1 + links[^1].Item2 : 0;
            var close = html.Span.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
            pixelAt = close >= last ? close : html.Length;
        }

        return (links, pixelAt);
    }

    private static void Apply(ReadOnlySpan<char> html, (List<(int Index, int Length, string Url)> Links, int PixelAt) edits, string? openPixelUrl, Utf8Buffer output)
    {
        var last = 0;
        foreach (var (index, length, url) in edits.Links)
        {
            output.Append(html[last..index]);
            output.Append(url);
            last = index + length;
        }

        if (edits.PixelAt >= 0)
        {
            output.Append(html[last..edits.PixelAt]);
            output.Append("<img src=\"");
            output.Append(WebUtility.HtmlEncode(openPixelUrl));
            output.Append(PixelTail);
            last = edits.PixelAt;
        }

        output.Append(html[last..]);
    }

    /// <summary>Where each link's URL is: the match ends with the closing quote, and the URL cannot hold that quote.</summary>
    private static List<(int Index, int Length)> UrlsIn(ReadOnlySpan<char> html)
    {
        var urls = new List<(int, int)>();
        foreach (var m in Href().EnumerateMatches(html))
        {
            var match = html.Slice(m.Index, m.Length);
            var quote = match[^1];
            var open = match[..^1].LastIndexOf(quote);
            urls.Add((m.Index + open + 1, m.Length - open - 2));
        }

        return urls;
    }

    // Two quoted forms instead of a back-reference: with IgnoreCase a back-reference makes the generator fall back to the
    // regex interpreter.
    [GeneratedRegex("""<a\b[^>]*?\bhref\s*=\s*(?:"[^"]*"|'[^']*')""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Href();
}
