using Campaigns.Core.Accounts;
using Campaigns.Data.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;

namespace Campaigns.Web.Accounts;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>Cookie sign-in checked against the users table, role policies, and a sign-in requirement on everything not marked anonymous.</summary>
    public static IServiceCollection AddCampaignsAccounts(this IServiceCollection services)
    {
        services.AddSingleton<Core.Accounts.IPasswordHasher, IdentityPasswordHasher>();
        services.AddSingleton<AccountService>();
        // Cookies and antiforgery tokens are signed with keys every web host shares through the database.
        services.AddDataProtection().SetApplicationName("Campaigns");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<DataProtectionKeyStore>())));
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/login";
                options.LogoutPath = "/account/logout";
                options.AccessDeniedPath = "/forbidden";
                options.Cookie.Name = "campaigns.session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.SlidingExpiration = true;
                options.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
            });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Viewer, p => p.RequireAuthenticatedUser().RequireRole("viewer", "editor", "admin"))
            .AddPolicy(Policies.Editor, p => p.RequireAuthenticatedUser().RequireRole("editor", "admin"))
            .AddPolicy(Policies.Admin, p => p.RequireAuthenticatedUser().RequireRole("admin"));
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
        return services;
    }
}
