using System.Net;
using Campaigns.Core.Accounts;
using Campaigns.Core.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Accounts;

public sealed class AccountTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "campaigns-web-tests", Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program> _factory = default!;

    public ValueTask InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Campaigns:DataDirectory", _dataDirectory);
            web.UseEnvironment("Production");
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private HttpClient Anonymous() => _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private AccountService Accounts => _factory.Services.GetRequiredService<AccountService>();

    [Fact]
    public async Task A_new_installation_leads_to_the_one_time_set_up_page_and_it_makes_exactly_one_admin()
    {
        using var client = Anonymous();
        var first = await client.SendAsync(WebSession.Html("/"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/setup", first.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal));

        // Two people submitting at once: one admin, one refusal.
        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
        {
            try
            {
                return await Accounts.CreateFirstAdminAsync($"admin{i}@example.com", "Admin", WebSession.Password);
            }
            catch (ValidationException)
            {
                return null;
            }
        }));
        Assert.Single(attempts, a => a is not null);
        Assert.Single(await Accounts.ListUsersAsync(TestContext.Current.CancellationToken));

        var again = await client.SendAsync(WebSession.Html("/setup"), TestContext.Current.CancellationToken);
        Assert.Contains("Already set up", await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var home = await client.SendAsync(WebSession.Html("/"), TestContext.Current.CancellationToken);
        Assert.Contains("/login", home.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_set_up_page_refuses_a_short_password_next_to_the_field()
    {
        using var client = Anonymous();
        var form = await client.GetStringAsync(new Uri("/setup", UriKind.Relative), TestContext.Current.CancellationToken);
        var response = await client.PostAsync(new Uri("/setup", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "setup",
            ["__RequestVerificationToken"] = WebSession.TokenPattern().Match(form).Groups[1].Value,
            ["Input.Email"] = "ada@example.com",
            ["Input.Password"] = "short",
            ["Input.Confirm"] = "short",
        }), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("field-error", html, StringComparison.Ordinal);
        Assert.Contains("at least 12 characters", html, StringComparison.Ordinal);
        Assert.True(await Accounts.NeedsFirstAdminAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        await Accounts.CreateFirstAdminAsync("ada@example.com", "Ada", WebSession.Password);
        using var client = Anonymous();
        for (var i = 0; i < AccountService.MaxFailedAttempts; i++)
        {
            var wrong = await WebSession.PostLoginAsync(client, "ada@example.com", "not the password at all");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var right = await WebSession.PostLoginAsync(client, "ada@example.com", WebSession.Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked", await right.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var unknown = await WebSession.PostLoginAsync(client, "nobody@example.com", WebSession.Password);
        Assert.Contains("The email or password is not right.", await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_never_redirects_off_the_site()
    {
        await Accounts.CreateFirstAdminAsync("ada@example.com", "Ada", WebSession.Password);
        using var client = Anonymous();
        var response = await WebSession.PostLoginAsync(client, "ada@example.com", WebSession.Password, returnUrl: "//evil.example/phish");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_the_other_sessions_too()
    {
        using var laptop = await WebSession.SignedInAsync(_factory, UserRole.Editor, "eve@example.com");
        using var phone = Anonymous();
        Assert.Equal(HttpStatusCode.Redirect, (await WebSession.PostLoginAsync(phone, "eve@example.com", WebSession.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await phone.SendAsync(WebSession.Html("/"), TestContext.Current.CancellationToken)).StatusCode);

        var page = await laptop.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        var token = WebSession.TokenPattern().Match(page).Groups[1].Value;
        var signOut = await laptop.PostAsync(new Uri("/account/logout-everywhere", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        var after = await phone.SendAsync(WebSession.Html("/"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/login", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(UserRole.Viewer, "/campaigns", false)]
    [InlineData(UserRole.Viewer, "/lists", false)]
    [InlineData(UserRole.Viewer, "/reports", true)]
    [InlineData(UserRole.Editor, "/campaigns", true)]
    [InlineData(UserRole.Editor, "/settings/users", false)]
    [InlineData(UserRole.Admin, "/settings/users", true)]
    public async Task Roles_decide_which_pages_open(UserRole role, string path, bool allowed)
    {
        using var client = await WebSession.SignedInAsync(_factory, role);
        var response = await client.SendAsync(WebSession.Html(path), TestContext.Current.CancellationToken);
        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/forbidden", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Admin_pages_carry_a_content_security_policy_that_forbids_framing_and_inline_script()
    {
        using var client = await WebSession.SignedInAsync(_factory);
        var response = await client.SendAsync(WebSession.Html("/"), TestContext.Current.CancellationToken);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public void Only_public_links_health_checks_static_files_and_the_sign_in_pages_are_open_without_sign_in()
    {
        var open = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.RoutePattern.RawText ?? "")
            .Where(p => !Path.HasExtension(p) && !p.StartsWith("_content", StringComparison.Ordinal) && !p.StartsWith("_framework", StringComparison.Ordinal)
                && !p.StartsWith("api/docs", StringComparison.Ordinal) && !p.StartsWith("/api/docs", StringComparison.Ordinal)
                && !p.StartsWith("/api/openapi", StringComparison.Ordinal))
            .Select(p => "/" + p.TrimStart('/'))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray();
        string[] expected =
        [
            "/Error", "/account/logout", "/api/{**rest}", "/c/{token}", "/confirm/{token}", "/healthz", "/login", "/metrics", "/not-found",
            "/o/{token}", "/p/{token}", "/readyz", "/setup", "/subscribe", "/u/{token}", "/v/{token}",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal).ToArray(), open);
    }
}
