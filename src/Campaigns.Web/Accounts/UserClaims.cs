using System.Security.Claims;
using Campaigns.Core.Accounts;

namespace Campaigns.Web.Accounts;

/// <summary>What a session cookie carries: the user's id, email, name, role and the security stamp it was issued with.</summary>
public static class UserClaims
{
    public const string Stamp = "campaigns:stamp";
    public const string ApiKeyId = "campaigns:api-key";
    public const string Scope = "scope";

    public static ClaimsPrincipal Principal(User user, string stamp, string scheme) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new Claim(ClaimTypes.Email, user.Email),
        new Claim(ClaimTypes.Name, string.IsNullOrWhiteSpace(user.Name) ? user.Email : user.Name),
        new Claim(ClaimTypes.Role, user.Role.ToString().ToLowerInvariant()),
        new Claim(Stamp, stamp),
    ], scheme, ClaimTypes.Name, ClaimTypes.Role));

    public static long? UserId(this ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static UserRole? Role(this ClaimsPrincipal principal) =>
        Enum.TryParse<UserRole>(principal.FindFirstValue(ClaimTypes.Role), ignoreCase: true, out var role) ? role : null;

    public static bool IsAtLeast(this ClaimsPrincipal principal, UserRole role) => principal.Role() is { } has && has >= role;
}
