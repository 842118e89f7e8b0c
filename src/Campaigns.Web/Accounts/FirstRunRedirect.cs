using Campaigns.Core.Accounts;

namespace Campaigns.Web.Accounts;

/// <summary>Until the first admin exists, every admin page leads to the one-time set-up page; afterwards that page is gone.</summary>
public sealed class FirstRunRedirect(RequestDelegate next)
{
    private volatile bool _hasUsers;

    public async Task InvokeAsync(HttpContext context, AccountService accounts)
    {
        if (!_hasUsers && IsAdminPage(context.Request))
        {
            _hasUsers = !await accounts.NeedsFirstAdminAsync(context.RequestAborted);
            if (!_hasUsers && !context.Request.Path.StartsWithSegments("/setup"))
            {
                context.Response.Redirect("/setup");
                return;
            }
        }

        await next(context);
    }

    // Pages a browser asks for; static files, health probes, the API and public links are left alone.
    private static bool IsAdminPage(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && !Path.HasExtension(request.Path.Value)
        && !request.Path.StartsWithSegments("/api")
        && !request.Path.StartsWithSegments("/_blazor")
        && !request.Path.StartsWithSegments("/_framework")
        && !request.Path.StartsWithSegments("/healthz")
        && !request.Path.StartsWithSegments("/readyz")
        && !request.Path.StartsWithSegments("/metrics")
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
