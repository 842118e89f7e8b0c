using Campaigns.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Campaigns.Web.Accounts;

/// <summary>
/// Checks a cookie's security stamp against the user's current one on every request, so "sign out everywhere",
/// a password or role change and a deleted user end every session at once (Blazor circuits: see
/// <see cref="RevalidatingAuthenticationStateProvider"/>).
/// </summary>
public static class SessionValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var accounts = context.HttpContext.RequestServices.GetRequiredService<AccountService>();
        if (principal?.UserId() is not { } id || principal.FindFirst(UserClaims.Stamp)?.Value is not { } stamp
            || !await accounts.IsSessionValidAsync(id, stamp, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
