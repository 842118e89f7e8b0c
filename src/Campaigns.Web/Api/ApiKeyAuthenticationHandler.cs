using System.Security.Claims;
using System.Text.Encodings.Web;
using Campaigns.Core.Accounts;
using Campaigns.Web.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Campaigns.Web.Api;

/// <summary>
/// Authenticates <c>Authorization: Bearer cmp_…</c> (or <c>X-Api-Key</c>) against the stored key hashes; the
/// principal carries one <c>scope</c> claim per scope. Failures answer as problem details, never a login redirect.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = Request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : Request.Headers["X-Api-Key"].ToString().Trim();
        if (token.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        var key = await keys.AuthenticateAsync(token, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is not valid or was revoked.");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, $"api-key:{key.Id}"),
            new(ClaimTypes.Name, key.Name),
            new(UserClaims.ApiKeyId, key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        claims.AddRange(key.Scopes.Select(s => new Claim(UserClaims.Scope, s)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status401Unauthorized, "An API key is required", "Send a valid key as 'Authorization: Bearer cmp_…'.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "The API key lacks a scope", "Create a key with the scope this operation needs.");

    private Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(title: title, detail: detail, statusCode: status).ExecuteAsync(Context);
    }
}
