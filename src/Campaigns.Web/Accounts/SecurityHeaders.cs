namespace Campaigns.Web.Accounts;

/// <summary>
/// Headers on the admin UI: a CSP with no inline or foreign script, no framing by other sites, no sniffing, no
/// referrer to tracked links. Public pages (tracking, unsubscribe, subscribe) set their own stricter ones.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    // Template previews are srcdoc iframes with an empty sandbox: they inherit this policy and cannot run script either.
    public const string AdminPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https: http:; font-src 'self' data:; "
        + "connect-src 'self'; frame-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    // The API reference (Scalar, served from the app) starts with an inline module script; it shows no user data.
    public const string ApiDocsPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            if (!headers.ContainsKey("Content-Security-Policy"))
            {
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api/docs") ? ApiDocsPolicy : AdminPolicy;
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
