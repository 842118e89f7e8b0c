using Campaigns.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Campaigns.Web.Accounts;

/// <summary>Sign-out and sign-out everywhere: form posts (antiforgery checked) from the admin UI's menu.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account");
        group.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/login");
        }).AllowAnonymous();
        group.MapPost("/logout-everywhere", async (HttpContext http, AccountService accounts) =>
        {
            if (http.User.UserId() is { } id)
            {
                await accounts.SignOutEverywhereAsync(id, http.RequestAborted);
            }

            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/login");
        });
        return app;
    }
}
