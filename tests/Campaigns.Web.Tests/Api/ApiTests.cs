using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Campaigns.Core.Accounts;
using Campaigns.Core.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Api;

/// <summary>The JSON API through the real host: API-key authentication and scopes, problem details, paging, and each area end to end.</summary>
public sealed class ApiTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "campaigns-web-tests", Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program> _factory = default!;
    private User _admin = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Campaigns:DataDirectory", _dataDirectory);
            web.UseSetting("Campaigns:Sending:PublicUrl", "http://localhost");
            web.UseSetting("Campaigns:Sending:DispatchInterval", "00:00:00.100");
            web.UseEnvironment("Production");
        });
        _admin = await _factory.Services.GetRequiredService<AccountService>().CreateFirstAdminAsync("admin@example.com", "Admin", WebSession.Password);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private async Task<HttpClient> ClientAsync(params string[] scopes)
    {
        var key = await _factory.Services.GetRequiredService<ApiKeyService>().CreateAsync("test", scopes.Length == 0 ? ApiScopes.All : scopes, _admin, Ct);
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Token);
        return client;
    }

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, (int)(await JsonAsync(response))["status"]!);
    }

    [Fact]
    public async Task Without_a_valid_key_the_api_answers_401_problems_and_a_signed_in_browser_cookie_does_not_count()
    {
        using var anonymous = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await AssertProblemAsync(await anonymous.GetAsync(new Uri("/api/v1/lists", UriKind.Relative), Ct), HttpStatusCode.Unauthorized);

        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "cmp_00000000_" + new string('0', 32));
        await AssertProblemAsync(await anonymous.GetAsync(new Uri("/api/v1/lists", UriKind.Relative), Ct), HttpStatusCode.Unauthorized);

        var keys = _factory.Services.GetRequiredService<ApiKeyService>();
        var created = await keys.CreateAsync("soon revoked", [ApiScopes.ListsRead], _admin, Ct);
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Token);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("/api/v1/lists", UriKind.Relative), Ct)).StatusCode);
        await keys.RevokeAsync(created.Key.Id, Ct);
        await AssertProblemAsync(await anonymous.GetAsync(new Uri("/api/v1/lists", UriKind.Relative), Ct), HttpStatusCode.Unauthorized);
        var altered = created.Token[..^1] + (created.Token[^1] == 'a' ? 'b' : 'a');
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", altered);
        await AssertProblemAsync(await anonymous.GetAsync(new Uri("/api/v1/lists", UriKind.Relative), Ct), HttpStatusCode.Unauthorized);

        using var browser = await WebSession.SignedInAsync(_factory);
        await AssertProblemAsync(await browser.GetAsync(new Uri("/api/v1/lists", UriKind.Relative), Ct), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_key_without_the_scope_gets_403_and_a_viewer_cannot_grant_write_scopes()
    {
        using var reader = await ClientAsync(ApiScopes.ListsRead);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(new Uri("/api/v1/lists", UriKind.Relative), Ct)).StatusCode);
        await AssertProblemAsync(await reader.PostAsJsonAsync(new Uri("/api/v1/lists", UriKind.Relative), new { name = "Nope" }, Ct), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await reader.GetAsync(new Uri("/api/v1/campaigns", UriKind.Relative), Ct), HttpStatusCode.Forbidden);

        var viewer = await _factory.Services.GetRequiredService<AccountService>().CreateUserAsync("viewer@example.com", "V", UserRole.Viewer, WebSession.Password, Ct);
        var keys = _factory.Services.GetRequiredService<ApiKeyService>();
        await Assert.ThrowsAsync<ValidationException>(() => keys.CreateAsync("sneaky", [ApiScopes.CampaignsSend], viewer, Ct));
        Assert.DoesNotContain(ApiScopes.AllowedFor(UserRole.Viewer), s => s.EndsWith(":write", StringComparison.Ordinal) || s.EndsWith(":send", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lists_are_created_paged_and_deleted_and_errors_are_problem_details()
    {
        using var client = await ClientAsync();
        for (var i = 0; i < 3; i++)
        {
            var created = await client.PostAsJsonAsync(new Uri("/api/v1/lists", UriKind.Relative), new { name = $"List {i}", optIn = "double" }, Ct);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var page = await JsonAsync(await client.GetAsync(new Uri("/api/v1/lists?offset=1&limit=1", UriKind.Relative), Ct));
        Assert.Equal(3, (int)page["total"]!);
        Assert.Single(page["items"]!.AsArray());
        Assert.Equal(1, (int)page["offset"]!);

        var duplicate = await client.PostAsJsonAsync(new Uri("/api/v1/lists", UriKind.Relative), new { name = "list 0" }, Ct);
        await AssertProblemAsync(duplicate, HttpStatusCode.BadRequest);
        await AssertProblemAsync(await client.PostAsync(new Uri("/api/v1/lists", UriKind.Relative),
            new StringContent("{\"name\": ", Encoding.UTF8, "application/json"), Ct), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await client.GetAsync(new Uri("/api/v1/lists/999", UriKind.Relative), Ct), HttpStatusCode.NotFound);
        await AssertProblemAsync(await client.GetAsync(new Uri("/api/v1/no-such-thing", UriKind.Relative), Ct), HttpStatusCode.NotFound);

        var id = (long)page["items"]![0]!["list"]!["id"]!;
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(new Uri($"/api/v1/lists/{id}", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(2, (int)(await JsonAsync(await client.GetAsync(new Uri("/api/v1/lists", UriKind.Relative), Ct)))["total"]!);
    }

    [Fact]
    public async Task Subscribers_in_bulk_follow_the_import_rules_and_hostile_names_are_stored_as_given()
    {
        using var client = await ClientAsync();
        var list = await JsonAsync(await client.PostAsJsonAsync(new Uri("/api/v1/lists", UriKind.Relative), new { name = "News" }, Ct));
        var listId = (long)list["id"]!;
        var report = await JsonAsync(await client.PostAsJsonAsync(new Uri("/api/v1/subscribers/bulk", UriKind.Relative), new
        {
            listId,
            subscribers = new object[]
            {
                new { email = "ann@example.com", name = "<script>alert(1)</script>", attributes = new { city = "Oslo" } },
                new { email = "not-an-address", name = "Bad" },
                new { email = "bob@example.com", name = "\"><img src=x onerror=alert(1)>" },
                new { email = "ann@EXAMPLE.com", name = "Duplicate in the request" },
            },
        }, Ct));
        Assert.Equal(2, (int)report["summary"]!["counts"]!["added"]!);
        Assert.Equal(2, (int)report["summary"]!["counts"]!["skipped"]!);
        Assert.Equal(3, (int)report["details"]![0]!["line"]!);

        var one = await client.PostAsJsonAsync(new Uri($"/api/v1/subscribers?listId={listId}", UriKind.Relative), new { email = "cy@example.org", name = "Cy" }, Ct);
        Assert.Equal(1, (int)(await JsonAsync(one))["summary"]!["counts"]!["added"]!);

        var found = await JsonAsync(await client.GetAsync(new Uri($"/api/v1/subscribers?search=ann&listId={listId}", UriKind.Relative), Ct));
        Assert.Equal(1, (int)found["total"]!);
        Assert.Equal("<script>alert(1)</script>", (string)found["items"]![0]!["name"]!);
        Assert.Equal("Oslo", (string)found["items"]![0]!["attributes"]!["city"]!);
        var all = await JsonAsync(await client.GetAsync(new Uri("/api/v1/subscribers?limit=2", UriKind.Relative), Ct));
        Assert.Equal(3, (int)all["total"]!);
        Assert.Equal(2, all["items"]!.AsArray().Count);

        var id = (long)found["items"]![0]!["id"]!;
        var detail = await JsonAsync(await client.GetAsync(new Uri($"/api/v1/subscribers/{id}", UriKind.Relative), Ct));
        Assert.Equal("confirmed", (string)detail["memberships"]![0]!["status"]!);
    }

    [Fact]
    public async Task A_csv_import_answers_its_report_and_its_bad_rows_download_as_csv()
    {
        using var client = await ClientAsync();
        var listId = (long)(await JsonAsync(await client.PostAsJsonAsync(new Uri("/api/v1/lists", UriKind.Relative), new { name = "Imported" }, Ct)))["id"]!;
        var csv = new StringContent("Email Address,First Name\nann@example.com,Ann\n=cmd|calc@x,Evil\n", Encoding.UTF8, "text/csv");
        var response = await client.PostAsync(new Uri($"/api/v1/imports?listId={listId}&mode=upsert&fileName=people.csv", UriKind.Relative), csv, Ct);
        var report = await JsonAsync(response);
        Assert.True(response.IsSuccessStatusCode, report.ToJsonString());
        Assert.Equal(1, (int)report["summary"]!["counts"]!["added"]!);
        var importId = (long)report["summary"]!["id"]!;
        var errors = await client.GetStringAsync(new Uri($"/api/v1/imports/{importId}/errors", UriKind.Relative), Ct);
        Assert.StartsWith("line,reason,email", errors, StringComparison.Ordinal);
        Assert.Contains("\"'=cmd|calc@x\"", errors, StringComparison.Ordinal);
        Assert.Equal(1, (int)(await JsonAsync(await client.GetAsync(new Uri("/api/v1/imports", UriKind.Relative), Ct)))["total"]!);
    }

    [Fact]
    public async Task A_template_with_a_liquid_error_is_refused_with_its_line_and_column()
    {
        using var client = await ClientAsync();
        var bad = await client.PostAsJsonAsync(new Uri("/api/v1/templates", UriKind.Relative), new { name = "Broken", body = "<p>ok</p>\n<p>{{ content </p>" }, Ct);
        await AssertProblemAsync(bad, HttpStatusCode.BadRequest);
        var detail = (string)(await JsonAsync(await client.PostAsJsonAsync(new Uri("/api/v1/templates", UriKind.Relative),
            new { name = "Broken", body = "<p>ok</p>\n<p>{{ content </p>" }, Ct)))["detail"]!;
        Assert.Contains("line 2", detail, StringComparison.Ordinal);

        var good = await client.PostAsJsonAsync(new Uri("/api/v1/templates", UriKind.Relative), new { name = "Plain", body = "<div>{{ content }}</div>" }, Ct);
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
        Assert.Equal(1, (int)(await JsonAsync(await client.GetAsync(new Uri("/api/v1/templates", UriKind.Relative), Ct)))["total"]!);
    }

    [Fact]
    public async Task A_campaign_created_and_started_over_the_api_is_sent_and_its_stats_show_it()
    {
        using var client = await ClientAsync();
        var listId = (long)(await JsonAsync(await client.PostAsJsonAsync(new Uri("/api/v1/lists", UriKind.Relative), new { name = "News" }, Ct)))["id"]!;
        await client.PostAsJsonAsync(new Uri("/api/v1/subscribers/bulk", UriKind.Relative), new
        {
            listId,
            subscribers = Enumerable.Range(0, 5).Select(i => new { email = $"r{i}@example.com", name = $"R{i}" }),
        }, Ct);
        var campaign = await client.PostAsJsonAsync(new Uri("/api/v1/campaigns", UriKind.Relative), new
        {
            name = "API", subject = "Hello {{ subscriber.name }}", fromName = "News", fromAddress = "news@example.com",
            body = "<p>Hi</p>", listIds = new[] { listId },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, campaign.StatusCode);
        var id = (long)(await JsonAsync(campaign))["id"]!;
        await AssertProblemAsync(await client.PostAsync(new Uri($"/api/v1/campaigns/{id}/pause", UriKind.Relative), null, Ct), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(new Uri($"/api/v1/campaigns/{id}/start", UriKind.Relative), null, Ct)).StatusCode);

        JsonObject stats = [];
        for (var i = 0; i < 100; i++)
        {
            stats = await JsonAsync(await client.GetAsync(new Uri($"/api/v1/campaigns/{id}/stats", UriKind.Relative), Ct));
            if ((int)stats["progress"]!["sent"]! == 5)
            {
                break;
            }

            await Task.Delay(100, Ct);
        }

        Assert.Equal(5, (int)stats["progress"]!["sent"]!);
        Assert.Equal(0, (int)stats["engagement"]!["uniqueOpens"]!);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api_and_its_key_and_the_reference_page_opens()
    {
        using var client = _factory.CreateClient();
        var document = JsonNode.Parse(await client.GetStringAsync(new Uri("/api/openapi/v1.json", UriKind.Relative), Ct))!;
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToArray();
        Assert.Contains("/api/v1/lists", paths);
        Assert.Contains("/api/v1/campaigns/{id}/stats", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/o/", StringComparison.Ordinal));
        Assert.Equal("bearer", (string)document["components"]!["securitySchemes"]!["ApiKey"]!["scheme"]!);
        var docs = await client.GetAsync(new Uri("/api/docs", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("text/html", docs.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.jsdelivr", await docs.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        _ = JsonSerializer.Serialize(document);
    }
}
