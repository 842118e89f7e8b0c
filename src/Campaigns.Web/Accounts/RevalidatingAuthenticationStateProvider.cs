using Campaigns.Core.Accounts;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Campaigns.Web.Accounts;

/// <summary>An open admin page keeps its circuit for hours; this re-checks the session's stamp every minute and ends it when it changed.</summary>
public sealed class RevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, AccountService accounts)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var user = authenticationState.User;
        return user.UserId() is { } id && user.FindFirst(UserClaims.Stamp)?.Value is { } stamp
            && await accounts.IsSessionValidAsync(id, stamp, cancellationToken);
    }
}
