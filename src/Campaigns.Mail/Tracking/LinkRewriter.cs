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

        sb.Append(html, last, html.Length - last);
        if (openPixelUrl is not null)
        {
            var pixel = $"<img src=\"{WebUtility.HtmlEncode(openPixelUrl)}\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;width:1px;height:1px;border:0\">";
            var body = sb.ToString();
            var close = body.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
            return close >= 0 ? body.Insert(close, pixel) : body + pixel;
        }

        return sb.ToString();
    }

    [GeneratedRegex("""<a\b[^>]*?\bhref\s*=\s*(?<q>["'])(?<url>.*?)\k<q>""", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Href();
}
