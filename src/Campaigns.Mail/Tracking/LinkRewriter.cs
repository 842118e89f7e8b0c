using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Campaigns.Mail.Tracking;

/// <summary>
/// Points a rendered message's http(s) links at the click redirect and adds the open pixel. Works on the
/// rendered HTML with one regular expression (no HTML parse per recipient); mailto:, anchors and the
/// unsubscribe and preferences links themselves are left alone.
/// </summary>
public static partial class LinkRewriter
{
    public static async ValueTask<string> RewriteAsync(string html, Func<string, ValueTask<string?>> trackedUrlFor, string? openPixelUrl)
    {
        var sb = new StringBuilder(html.Length + 512);
        var last = 0;
        foreach (Match m in Href().Matches(html))
        {
            var raw = m.Groups["url"].Value;
            var url = WebUtility.HtmlDecode(raw).Trim();
            if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var tracked = await trackedUrlFor(url);
            if (tracked is null)
            {
                continue;
            }

            var group = m.Groups["url"];
            sb.Append(html, last, group.Index - last).Append(WebUtility.HtmlEncode(tracked));
            last = group.Index + group.Length;
        }

        if (openPixelUrl is null)
        {
            return sb.Append(html, last, html.Length - last).ToString();
        }

        // The pixel goes just before </body> (or at the end), written in the same pass: no second copy of the message.
        var close = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        var at = close >= last ? close : html.Length;
        return sb.Append(html, last, at - last)
            .Append("<img src=\"").Append(WebUtility.HtmlEncode(openPixelUrl))
            .Append("\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;width:1px;height:1px;border:0\">")
            .Append(html, at, html.Length - at)
            .ToString();
    }

    // Two quoted forms instead of a back-reference: with IgnoreCase a back-reference makes the generator fall back to the
    // regex interpreter.
    [GeneratedRegex("""<a\b[^>]*?\bhref\s*=\s*(?:"(?<url>[^"]*)"|'(?<url>[^']*)')""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Href();
}
