using Campaigns.Core.Feedback;
using Campaigns.Data.Sending;
using Campaigns.Mail.Tracking;
using Campaigns.Sending.Composition;
using Microsoft.AspNetCore.Mvc;

namespace Campaigns.Web.Public;

/// <summary>
/// The only routes without a sign-in: open pixel, click redirect, unsubscribe (page and RFC 8058 one-click POST),
/// preference centre and view in browser. Each link's token is a MAC of what it refers to: a forged or altered
/// token gets a 404 and records nothing, and a click only ever redirects to a link recorded for its campaign.
/// </summary>
public static class PublicEndpoints
{
    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public static IEndpointRouteBuilder MapPublicEndpoints(this IEndpointRouteBuilder app)
    {
        // No antiforgery token: the link's own MAC token is what proves the request, and one-click POSTs come from mail providers without cookies.
        var group = app.MapGroup("").AllowAnonymous().DisableAntiforgery().AddEndpointFilter(async (context, next) =>
        {
            PublicPage.Secure(context.HttpContext.Response);
            return await next(context);
        });
        group.MapGet("/o/{token}", OpenAsync);
        group.MapGet("/c/{token}", ClickAsync);
        group.MapGet("/u/{token}", UnsubscribePageAsync);
        group.MapPost("/u/{token}", UnsubscribeAsync);
        group.MapGet("/p/{token}", PreferencesPageAsync);
        group.MapPost("/p/{token}", SavePreferencesAsync);
        group.MapGet("/v/{token}", ViewAsync);
        if (app.ServiceProvider.GetRequiredService<IConfiguration>().GetValue<bool>("Campaigns:Bench:BareEndpoints"))
        {
            // The benchmark's baseline: the same host and the same bytes as the pixel, with no token check and nothing recorded.
            group.MapGet("/bare/{token}", (string token) => Results.File(Pixel, "image/gif"));
        }

        return app;
    }

    private static async Task<IResult> OpenAsync(string token, HttpContext http, PublicTokens tokens, TrackingEventRecorder recorder, TimeProvider time)
    {
        if (await tokens.ReadAsync(token, TrackingKind.Open, http.RequestAborted) is not { } t)
        {
            return Results.NotFound();
        }

        var prefetch = PrefetchDetector.IsPrefetch(http.Connection.RemoteIpAddress, http.Request.Headers.UserAgent);
        recorder.Record(new TrackingEvent(t.CampaignId, t.SubscriberId, TrackingEventKind.Open, null, prefetch, time.GetUtcNow()));
        return Results.File(Pixel, "image/gif");
    }

    private static async Task<IResult> ClickAsync(string token, HttpContext http, PublicTokens tokens, CampaignLinkStore links, TrackingEventRecorder recorder, TimeProvider time)
    {
        if (await tokens.ReadAsync(token, TrackingKind.Click, http.RequestAborted) is not { } t
            || await links.GetUrlAsync(t.CampaignId, t.LinkId, http.RequestAborted) is not { } url
            || !Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
        {
            return Results.NotFound();
        }

        var prefetch = PrefetchDetector.IsPrefetch(http.Connection.RemoteIpAddress, http.Request.Headers.UserAgent);
        recorder.Record(new TrackingEvent(t.CampaignId, t.SubscriberId, TrackingEventKind.Click, t.LinkId, prefetch, time.GetUtcNow()));
        return Results.Redirect(target.AbsoluteUri);
    }

    private static async Task<IResult> UnsubscribePageAsync(string token, HttpContext http, PublicTokens tokens, IPreferenceStore preferences)
    {
        if (await tokens.ReadAsync(token, TrackingKind.Unsubscribe, http.RequestAborted) is not { } t
            || await preferences.GetPreferencesAsync(t.SubscriberId, http.RequestAborted) is not { } p)
        {
            return NotFoundPage();
        }

        // A page first, not an unsubscribe on GET: link scanners follow every link in a message.
        return PublicPage.Html("Unsubscribe", $"""
            <p>Stop sending campaigns like this one to <strong>{PublicPage.E(p.Email)}</strong>?</p>
            <form method="post"><button type="submit">Unsubscribe</button>
            <label><input type="checkbox" name="all" value="1"> from every list, not only this campaign's</label></form>
            """);
    }

    private static async Task<IResult> UnsubscribeAsync(string token, HttpContext http, PublicTokens tokens, IPreferenceStore preferences)
    {
        if (await tokens.ReadAsync(token, TrackingKind.Unsubscribe, http.RequestAborted) is not { } t)
        {
            return NotFoundPage();
        }

        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
        // RFC 8058: the mail provider POSTs "List-Unsubscribe=One-Click", with no cookie and no page.
        var oneClick = form is not null && form["List-Unsubscribe"].ToString() == "One-Click";
        var everything = form is not null && form["all"].ToString() == "1";
        var left = await preferences.UnsubscribeAsync(t.SubscriberId, t.CampaignId, everything, oneClick ? "one-click" : "page", http.RequestAborted);
        if (oneClick)
        {
            return Results.Text("Unsubscribed.", "text/plain");
        }

        var which = left.Count == 0 ? "You were already unsubscribed." : $"You are unsubscribed from {PublicPage.E(string.Join(", ", left))}.";
        return PublicPage.Html("Unsubscribed", $"<p>{which}</p><p class=\"muted\">It takes effect at once; a campaign already on its way to you may still arrive.</p>");
    }

    private static async Task<IResult> PreferencesPageAsync(string token, HttpContext http, PublicTokens tokens, IPreferenceStore preferences)
    {
        if (await tokens.ReadAsync(token, TrackingKind.Preferences, http.RequestAborted) is not { } t
            || await preferences.GetPreferencesAsync(t.SubscriberId, http.RequestAborted) is not { } p)
        {
            return NotFoundPage();
        }

        var boxes = string.Concat(p.Lists.Select(l =>
            $"""<label><input type="checkbox" name="list" value="{l.ListId}"{(l.Subscribed ? " checked" : "")}> {PublicPage.E(l.Name)} <span class="muted">{PublicPage.E(l.Description)}</span></label>"""));
        return PublicPage.Html("Your subscriptions", $"""
            <p>Lists for <strong>{PublicPage.E(p.Email)}</strong>:</p>
            <form method="post">{boxes}<p><button type="submit">Save</button></p></form>
            """);
    }

    private static async Task<IResult> SavePreferencesAsync(string token, HttpContext http, PublicTokens tokens, IPreferenceStore preferences, [FromForm(Name = "list")] long[]? list)
    {
        if (await tokens.ReadAsync(token, TrackingKind.Preferences, http.RequestAborted) is not { } t)
        {
            return NotFoundPage();
        }

        await preferences.SavePreferencesAsync(t.SubscriberId, (list ?? []).ToHashSet(), http.RequestAborted);
        return PublicPage.Html("Saved", "<p>Your subscriptions are saved.</p>");
    }

    private static async Task<IResult> ViewAsync(string token, HttpContext http, PublicTokens tokens, CampaignMessageFactory factory, SendLedger ledger)
    {
        if (await tokens.ReadAsync(token, TrackingKind.View, http.RequestAborted) is not { } t
            || await ledger.RecipientAsync(t.CampaignId, t.SubscriberId, http.RequestAborted) is not { } recipient)
        {
            return NotFoundPage();
        }

        var prepared = await factory.GetAsync(t.CampaignId, http.RequestAborted);
        using var composed = await prepared.ComposeAsync(recipient, DateTimeOffset.UtcNow, http.RequestAborted);
        // The message's own HTML, in a sandbox: a template's script never runs on this site's origin.
        http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; frame-ancestors 'none'";
        return Results.Content(composed.Message.HtmlBody ?? "", "text/html; charset=utf-8");
    }

    private static IResult NotFoundPage() =>
        PublicPage.Html("Link not found", "<p>This link is not valid. If you copied it from an email, check that it was copied whole.</p>", 404);
}
