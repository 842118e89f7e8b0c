using System.Net;
using System.Text.RegularExpressions;
using Campaigns.Core.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests;

/// <summary>Signs in through the real login form (antiforgery token and all) and keeps the session cookie.</summary>
public static partial class WebSession
{
    public const string Password = "correct horse battery staple";

    /// <summary>Creates a user with <paramref name="role"/> (the first one through the set-up path) and returns a signed-in client.</summary>
    public static async Task<HttpClient> SignedInAsync(WebApplicationFactory<Program> factory, UserRole role = UserRole.Admin, string? email = null)
    {
        var accounts = factory.Services.GetRequiredService<AccountService>();
        email ??= $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        if (await accounts.NeedsFirstAdminAsync())
        {
            await accounts.CreateFirstAdminAsync($"first-admin-{Guid.NewGuid():N}@example.com", "First Admin", Password);
        }

        await accounts.CreateUserAsync(email, role.ToString(), role, Password);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await PostLoginAsync(client, email, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var form = await client.GetStringAsync(new Uri("/login", UriKind.Relative));
        var token = TokenPattern().Match(form).Groups[1].Value;
        var url = returnUrl is null ? "/login" : $"/login?returnUrl={Uri.EscapeDataString(returnUrl)}";
        return await client.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    public static HttpRequestMessage Html(string path) => new(HttpMethod.Get, new Uri(path, UriKind.Relative))
    {
        Headers = { { "Accept", "text/html" } },
    };

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    public static partial Regex TokenPattern();
}
