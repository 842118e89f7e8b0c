using System.Net;
using Campaigns.Core.Accounts;
using Campaigns.Core.Import;
using Campaigns.Core.Lists;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests;

public sealed class StartPageTests : IAsyncLifetime
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

    [Fact]
    public async Task Migrates_the_embedded_database_on_start_and_answers_health_checks()
    {
        using var client = _factory.CreateClient();
        var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.True(File.Exists(Path.Combine(_dataDirectory, "campaigns.db")));
    }

    [Fact]
    public async Task Shows_lists_with_hostile_names_as_text()
    {
        using var client = await WebSession.SignedInAsync(_factory, UserRole.Viewer);
        var lists = _factory.Services.GetRequiredService<IListStore>();
        var list = await lists.CreateAsync(new NewList("<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>"));
        var csv = new MemoryStream("email,name\nann@example.com,Ann\nbad,row\n"u8.ToArray());
        await _factory.Services.GetRequiredService<CsvImporter>().ImportAsync(csv, new ImportOptions(list.Id, FileName: "<b>file</b>.csv"));

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Matches("total-subscribers\"[^>]*>1<", html);
    }

    [Fact]
    public async Task Unknown_pages_get_a_not_found_status()
    {
        using var client = await WebSession.SignedInAsync(_factory);
        var response = await client.GetAsync(new Uri("/no-such-page", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
