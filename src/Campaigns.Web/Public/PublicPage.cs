using System.Net;
using System.Text;

namespace Campaigns.Web.Public;

/// <summary>The small server-rendered pages readers see (unsubscribe, preferences). Every value is HTML-encoded.</summary>
public static class PublicPage
{
    /// <summary>No script at all, styles inline only, forms post back here only, never framed.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IResult Html(string title, string body, int status = 200) => Results.Content(
        $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex"><title>{{E(title)}}</title>
        <style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#222;line-height:1.5}
        button{font:inherit;padding:.5rem 1.2rem;border:0;border-radius:.3rem;background:#2458c6;color:#fff;cursor:pointer}
        label{display:block;margin:.4rem 0}.muted{color:#666;font-size:.9rem}</style></head>
        <body><h1>{{E(title)}}</h1>{{body}}</body></html>
        """, "text/html; charset=utf-8", Encoding.UTF8, status);

    public static string E(string? value) => WebUtility.HtmlEncode(value ?? "");

    public static void Secure(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
    }
}
