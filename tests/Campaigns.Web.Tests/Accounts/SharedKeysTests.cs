using System.Net;
using Campaigns.Core.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Accounts;

/// <summary>A session cookie issued by one web host works on another using the same database: after a restart, or behind a load balancer.</summary>
public sealed class SharedKeysTests : IAsyncDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "campaigns-web-tests", Guid.NewGuid().ToString("N"));

    private WebApplicationFactory<Program> Host() => new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
    {
        web.UseSetting("Campaigns:DataDirectory", _dataDirectory);
        web.UseEnvironment("Production");
    });

    [Fact]
    public async Task A_cookie_from_one_host_is_accepted_by_the_next()
    {
        string cookie;
        await using (var first = Host())
        {
            await first.Services.GetRequiredService<AccountService>().CreateFirstAdminAsync("ada@example.com", "Ada", WebSession.Password, TestContext.Current.CancellationToken);
            using var client = first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var login = await WebSession.PostLoginAsync(client, "ada@example.com", WebSession.Password);
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("campaigns.session=", StringComparison.Ordinal)).Split(';')[0];
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using var second = Host();
        using var next = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var request = WebSession.Html("/");
        request.Headers.Add("Cookie", cookie);
        var response = await next.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The key ring is in the database, not in a folder of this machine that a second host would not see.
        Assert.NotEmpty(second.Services.GetRequiredService<Campaigns.Data.Accounts.DataProtectionKeyStore>().ReadAll());

        var forged = WebSession.Html("/");
        forged.Headers.Add("Cookie", cookie[..^6] + "AAAAAA");
        Assert.Equal(HttpStatusCode.Redirect, (await next.SendAsync(forged, TestContext.Current.CancellationToken)).StatusCode);
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
