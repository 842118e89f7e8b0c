using Campaigns.Core.Accounts;
using Campaigns.Web.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Campaigns.Web.Api;

/// <summary>One authorization policy per API scope, each accepting only API keys (a browser's cookie never authenticates the API).</summary>
public static class ApiPolicies
{
    public static string For(string scope) => "api:" + scope;

    public static AuthorizationBuilder AddApiPolicies(this AuthorizationBuilder builder)
    {
        foreach (var scope in ApiScopes.All)
        {
            builder.AddPolicy(For(scope), p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().RequireClaim(UserClaims.Scope, scope));
        }

        return builder;
    }
}
