using Campaigns.Mail.Messages;
using Campaigns.Mail.Tracking;

namespace Campaigns.Mail.Tests.Tracking;

public sealed class LinkRewriterTests
{
    private static async Task<(string Html, List<string> Seen)> RewriteAsync(string html, string? pixel = "https://t.example/o/1")
    {
        var seen = new List<string>();
        using var output = new Utf8Buffer();
        await LinkRewriter.RewriteToAsync(html.AsMemory(), url =>
        {
            seen.Add(url);
            return ValueTask.FromResult<string?>(url.Contains("skip", StringComparison.Ordinal) ? null : $"https://t.example/c/{seen.Count}?a=1&b=2");
        }, pixel, output);
        return (output.ToString(), seen);
    }

    [Fact]
    public async Task Tracks_http_links_in_either_quote_and_leaves_the_rest_alone()
    {
        var (html, seen) = await RewriteAsync(
            """<p><a class="x" href="https://a.example/1?x=1&amp;y=2">A</a> <A HREF='http://b.example/ü'>B</A> <a href="mailto:m@example.com">M</a> <a href="#top">T</a> <a href="https://skip.example/">S</a></p></body>""");

        Assert.Equal(["https://a.example/1?x=1&y=2", "http://b.example/ü", "https://skip.example/"], seen);
        Assert.Contains("""<a class="x" href="https://t.example/c/1?a=1&amp;b=2">A</a>""", html);
        Assert.Contains("""<A HREF='https://t.example/c/2?a=1&amp;b=2'>B</A>""", html);
        Assert.Contains("""href="mailto:m@example.com" """.TrimEnd(), html);
        Assert.Contains("""href="#top" """.TrimEnd(), html);
        Assert.Contains("""href="https://skip.example/" """.TrimEnd(), html);
    }

    [Fact]
    public async Task Puts_the_open_pixel_before_the_end_of_the_body_or_at_the_end()
    {
        var (withBody, _) = await RewriteAsync("<body><p>Hi ü</p></BODY></html>");
        Assert.Equal("""<body><p>Hi ü</p><img src="https://t.example/o/1" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0"></BODY></html>""", withBody);

        var (noBody, _) = await RewriteAsync("<p>Hi</p>");
        Assert.StartsWith("<p>Hi</p><img src=", noBody);

        var (noPixel, _) = await RewriteAsync("<p><a href=\"\">empty</a></p>", pixel: null);
        Assert.Equal("<p><a href=\"\">empty</a></p>", noPixel);
    }
}
