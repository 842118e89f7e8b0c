using System.Threading.RateLimiting;
using Campaigns.Core.Feedback;
using Campaigns.Core.Subscribers;
using Campaigns.Mail.Tracking;
using Microsoft.AspNetCore.Mvc;

namespace Campaigns.Web.Public;

/// <summary>
/// The public subscribe form (embeddable: another site's form may post here) and the double opt-in link.
/// Abuse guards: a per-IP rate limit, a per-address limit on confirmation mails, and a honeypot field that
/// people never see and bots fill in. Every answer reads the same whether the address was new, known,
/// blocklisted or suppressed, so the form tells nobody who is subscribed.
/// </summary>
public static class SubscribeEndpoints
{
    public const string RateLimitPolicy = "subscribe";

    /// <summary>Hidden from people by CSS; a bot that fills every field fills this one.</summary>
    public const string HoneypotField = "website";

    public static IServiceCollection AddSubscribeForms(this IServiceCollection services)
    {
        services.AddSingleton<AddressRateLimit>();
        services.AddSingleton<ConfirmationMailer>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // A body of its own, so the status-code pages do not re-execute the request as a page.
            o.OnRejected = (context, token) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return new ValueTask(context.HttpContext.Response.WriteAsync("Too many requests from here: try again in a minute.", token));
            };
            o.AddPolicy(RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }

    public static IEndpointRouteBuilder MapSubscribeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").AllowAnonymous().DisableAntiforgery().AddEndpointFilter(async (context, next) =>
        {
            PublicPage.Secure(context.HttpContext.Response);
            return await next(context);
        });
        group.MapGet("/subscribe", FormAsync);
        group.MapPost("/subscribe", SubscribeAsync).RequireRateLimiting(RateLimitPolicy);
        group.MapGet("/confirm/{token}", ConfirmPageAsync);
        group.MapPost("/confirm/{token}", ConfirmAsync);
        return app;
    }

    private static async Task<IResult> FormAsync(ISubscriptionStore subscriptions, HttpContext http)
    {
        var lists = await subscriptions.PublicListsAsync(http.RequestAborted);
        if (lists.Count == 0)
        {
            return PublicPage.Html("Subscribe", "<p>There are no lists to join here.</p>", 404);
        }

        var boxes = string.Concat(lists.Select(l =>
            $"""<label><input type="checkbox" name="list" value="{l.Id}"{(lists.Count == 1 ? " checked" : "")}> {PublicPage.E(l.Name)} <span class="muted">{PublicPage.E(l.Description)}</span></label>"""));
        return PublicPage.Html("Subscribe", $"""
            <form method="post" action="/subscribe">
            <label>Email <input type="email" name="email" required maxlength="320" autocomplete="email"></label>
            <label>Name <input type="text" name="name" maxlength="200" autocomplete="name"></label>
            {boxes}
            <label style="position:absolute;left:-10000px" aria-hidden="true">Leave this empty <input type="text" name="{HoneypotField}" tabindex="-1" autocomplete="off"></label>
            <p><button type="submit">Subscribe</button></p></form>
            """);
    }

    private static async Task<IResult> SubscribeAsync(HttpContext http, ISubscriptionStore subscriptions, AddressRateLimit addressLimit, ConfirmationMailer mailer,
        [FromForm] string? email, [FromForm] string? name, [FromForm(Name = "list")] long[]? list, [FromForm(Name = HoneypotField)] string? honeypot)
    {
        if (!EmailAddress.TryNormalize(email, out var address, out var error))
        {
            return PublicPage.Html("Subscribe", $"<p>That email address is not valid: {PublicPage.E(error)}.</p><p><a href=\"/subscribe\">Try again</a></p>", 400);
        }

        if (list is not { Length: > 0 })
        {
            return PublicPage.Html("Subscribe", "<p>Choose at least one list.</p><p><a href=\"/subscribe\">Try again</a></p>", 400);
        }

        // A bot (the honeypot is filled) or too many requests for one address: the same answer, and nothing happens.
        if (string.IsNullOrEmpty(honeypot) && addressLimit.TryAcquire(address.Key))
        {
            var cleanName = string.Concat((name ?? "").Where(c => !char.IsControl(c))).Trim();
            cleanName = cleanName.Length > 200 ? cleanName[..200] : cleanName;
            foreach (var result in await subscriptions.SubscribeAsync(address, cleanName, list.Distinct().Take(20).ToArray(), http.RequestAborted))
            {
                if (result.Outcome == SubscribeOutcome.ConfirmationNeeded)
                {
                    await mailer.SendAsync(address.Email, cleanName, result, http.RequestAborted);
                }
            }
        }

        return PublicPage.Html("Thank you", "<p>Thank you. If a list asks for confirmation, a mail with a link is on its way to you: your subscription starts when you follow it.</p>");
    }

    private static async Task<IResult> ConfirmPageAsync(string token, HttpContext http, PublicTokens tokens)
    {
        if (await tokens.ReadAsync(token, TrackingKind.Confirm, http.RequestAborted) is null)
        {
            return PublicPage.Html("Link not found", "<p>This confirmation link is not valid.</p>", 404);
        }

        // A button, not a GET that confirms: mail scanners follow links, and only a person should confirm.
        return PublicPage.Html("Confirm your subscription", "<form method=\"post\"><p><button type=\"submit\">Yes, subscribe me</button></p></form>");
    }

    private static async Task<IResult> ConfirmAsync(string token, HttpContext http, PublicTokens tokens, ISubscriptionStore subscriptions)
    {
        if (await tokens.ReadAsync(token, TrackingKind.Confirm, http.RequestAborted) is not { } t)
        {
            return PublicPage.Html("Link not found", "<p>This confirmation link is not valid.</p>", 404);
        }

        await subscriptions.ConfirmAsync(t.SubscriberId, t.CampaignId, http.RequestAborted);
        return PublicPage.Html("Subscribed", "<p>Thank you: your subscription is confirmed.</p>");
    }
}
