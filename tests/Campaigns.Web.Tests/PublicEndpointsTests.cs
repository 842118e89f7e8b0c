using System.Net;
using System.Text.RegularExpressions;
using Campaigns.Core.Feedback;
using Campaigns.Core.Import;
using Campaigns.Core.Lists;
using Campaigns.Core.Sending;
using Campaigns.Core.Subscribers;
using Campaigns.Data.Sending;
using Campaigns.Mail.Tracking;
using Campaigns.Web.Public;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Campaigns.Web.Tests;

/// <summary>The public endpoints against a campaign really sent (to the pickup folder) by the web host's in-process workers.</summary>
public sealed partial class PublicEndpointsTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "campaigns-web-tests", Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program> _factory = default!;
    private HttpClient _client = default!;
    private long _campaignId;
    private Dictionary<string, string> _links = [];

    public async ValueTask InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Campaigns:DataDirectory", _dataDirectory);
            web.UseSetting("Campaigns:Sending:PublicUrl", "http://localhost");
            web.UseSetting("Campaigns:Sending:DispatchInterval", "00:00:00.100");
            web.UseEnvironment("Production");
        });
        _client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var lists = _factory.Services.GetRequiredService<IListStore>();
        var news = await lists.CreateAsync(new NewList("News"));
        await lists.CreateAsync(new NewList("Offers", "Deals now and then", ListVisibility.Public));
        await lists.CreateAsync(new NewList("Other"));
        var csv = new MemoryStream("email,name\nann@example.com,<b>Ann</b>\n"u8.ToArray());
        await _factory.Services.GetRequiredService<CsvImporter>().ImportAsync(csv, new ImportOptions(news.Id));
        csv = new MemoryStream("email,name\nann@example.com,<b>Ann</b>\n"u8.ToArray());
        await _factory.Services.GetRequiredService<CsvImporter>().ImportAsync(csv, new ImportOptions((await lists.FindByNameAsync("Other"))!.Id));
        var campaign = await _factory.Services.GetRequiredService<ICampaignStore>().CreateAsync(new CampaignDraft(
            "Nov", "Hi", "News", "news@example.com",
            "<p>Hi {{ subscriber.name }}</p><a href=\"https://example.com/article\">Read</a> <a href=\"{{ unsubscribe_url }}\">Unsubscribe</a> <a href=\"{{ preferences_url }}\">Preferences</a> <a href=\"{{ view_url }}\">View</a>",
            [news.Id]));
        _campaignId = campaign.Id;
        await _factory.Services.GetRequiredService<CampaignCommands>().StartAsync(_campaignId);
        var pickup = Path.Combine(_dataDirectory, "pickup");
        for (var i = 0; i < 200 && (!Directory.Exists(pickup) || Directory.GetFiles(pickup, "*.eml").Length == 0); i++)
        {
            await Task.Delay(50);
        }

        var message = await MimeMessage.LoadAsync(Directory.GetFiles(pickup, "*.eml").Single());
        _links = LinkPattern().Matches(message.HtmlBody!).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [GeneratedRegex(@"http://localhost/([ocupv])/([A-Za-z0-9_-]+)")]
    private static partial Regex LinkPattern();

    private Uri Link(string kind, string? token = null) => new($"/{kind}/{token ?? _links[kind]}", UriKind.Relative);

    private static string Altered(string token) => token[..5] + (token[5] == 'A' ? "B" : "A") + token[6..];

    private async Task<CampaignEngagement> EngagementAsync(Func<CampaignEngagement, bool> until)
    {
        var store = _factory.Services.GetRequiredService<ITrackingEventStore>();
        for (var i = 0; i < 60; i++)
        {
            var e = await store.GetEngagementAsync(_campaignId);
            if (until(e))
            {
                return e;
            }

            await Task.Delay(50);
        }

        return await store.GetEngagementAsync(_campaignId);
    }

    [Fact]
    public async Task The_open_pixel_records_an_open_and_a_forged_token_records_nothing()
    {
        var forged = await _client.GetAsync(Link("o", Altered(_links["o"])), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(Link("o", _links["o"][..^4]), TestContext.Current.CancellationToken)).StatusCode); // truncated
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(Link("o", new string('A', 5000)), TestContext.Current.CancellationToken)).StatusCode); // oversized
        var pixel = await _client.GetAsync(Link("o"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, pixel.StatusCode);
        Assert.Equal("image/gif", pixel.Content.Headers.ContentType?.MediaType);
        var e = await EngagementAsync(x => x.TotalOpens > 0);
        Assert.Equal((1L, 1L, 0L), (e.UniqueOpens, e.TotalOpens, e.UniqueClicks));
    }

    [Fact]
    public async Task A_click_redirects_only_to_the_campaigns_own_link()
    {
        var click = await _client.GetAsync(Link("c"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, click.StatusCode);
        Assert.Equal("https://example.com/article", click.Headers.Location?.AbsoluteUri);

        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(Link("c", Altered(_links["c"])), TestContext.Current.CancellationToken)).StatusCode);
        // A well-signed token for a link id the campaign does not have (made with the site's own key) still goes nowhere.
        var codec = new TrackingTokenCodec(await _factory.Services.GetRequiredService<SiteSecrets>().GetKeyAsync("tracking", TestContext.Current.CancellationToken));
        var elsewhere = codec.Encode(new TrackingToken(TrackingKind.Click, _campaignId, 1, 999));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(Link("c", elsewhere), TestContext.Current.CancellationToken)).StatusCode);
        // An open token is not a click token.
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(Link("c", _links["o"]), TestContext.Current.CancellationToken)).StatusCode);

        var e = await EngagementAsync(x => x.TotalClicks > 0);
        Assert.Equal((1L, 1L, 1L), (e.UniqueClicks, e.TotalClicks, e.UniqueOpens)); // a click is an open too
        var link = Assert.Single(e.Links, l => l.Url == "https://example.com/article");
        Assert.Equal(1, link.TotalClicks);
    }

    [Fact]
    public async Task One_click_unsubscribe_needs_no_page_or_cookie_and_leaves_other_lists()
    {
        var ct = TestContext.Current.CancellationToken;
        using var form = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
        var response = await _client.PostAsync(Link("u"), form, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var again = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync(Link("u"), again, ct)).StatusCode);
        using var forged = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.PostAsync(Link("u", Altered(_links["u"])), forged, ct)).StatusCode);

        var memberships = await Memberships();
        Assert.Equal(MembershipStatus.Unsubscribed, memberships["News"]);
        Assert.Equal(MembershipStatus.Confirmed, memberships["Other"]);
        Assert.Equal(1, (await EngagementAsync(_ => true)).Unsubscribes);
    }

    [Fact]
    public async Task The_unsubscribe_link_shows_a_page_and_only_its_button_unsubscribes()
    {
        var ct = TestContext.Current.CancellationToken;
        var page = await _client.GetAsync(Link("u"), ct);
        var html = await page.Content.ReadAsStringAsync(ct);
        Assert.Contains("ann@example.com", html, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(MembershipStatus.Confirmed, (await Memberships())["News"]); // a GET (a link scanner) changes nothing

        using var everything = new FormUrlEncodedContent([new("all", "1")]);
        var done = await (await _client.PostAsync(Link("u"), everything, ct)).Content.ReadAsStringAsync(ct);
        Assert.Contains("News", done, StringComparison.Ordinal);
        Assert.All((await Memberships()).Values, s => Assert.Equal(MembershipStatus.Unsubscribed, s));
    }

    [Fact]
    public async Task The_preference_centre_shows_own_and_public_lists_and_saves_choices()
    {
        var ct = TestContext.Current.CancellationToken;
        var html = await _client.GetStringAsync(Link("p"), ct);
        Assert.Contains("Offers", html, StringComparison.Ordinal);
        Assert.Contains("News", html, StringComparison.Ordinal);

        var offers = (await _factory.Services.GetRequiredService<IListStore>().FindByNameAsync("Offers", ct))!.Id;
        var other = (await _factory.Services.GetRequiredService<IListStore>().FindByNameAsync("Other", ct))!.Id;
        using var choice = new FormUrlEncodedContent([new("list", offers.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("list", other.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync(Link("p"), choice, ct)).StatusCode);

        var memberships = await Memberships();
        Assert.Equal(MembershipStatus.Unsubscribed, memberships["News"]);
        Assert.Equal(MembershipStatus.Confirmed, memberships["Offers"]);
        Assert.Equal(MembershipStatus.Confirmed, memberships["Other"]);
    }

    [Fact]
    public async Task View_in_browser_shows_the_readers_message_in_a_sandbox()
    {
        var response = await _client.GetAsync(Link("v"), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Hi &lt;b&gt;Ann&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.StartsWith("sandbox", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(Link("v", Altered(_links["v"])), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [InlineData("17.58.101.5", "Mozilla/5.0", true)]
    [InlineData("17.58.101.5", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15", false)]
    [InlineData("66.249.93.1", "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)", false)]
    [InlineData("203.0.113.9", "Barracuda Sentinel (EE)", true)]
    public void Proxy_prefetches_are_told_apart(string ip, string agent, bool prefetch) =>
        Assert.Equal(prefetch, PrefetchDetector.IsPrefetch(IPAddress.Parse(ip), agent));

    private async Task<Dictionary<string, MembershipStatus>> Memberships()
    {
        var subscribers = _factory.Services.GetRequiredService<ISubscriberStore>();
        var ann = await subscribers.GetByEmailAsync("ann@example.com");
        return (await subscribers.GetMembershipsAsync(ann!.Id)).ToDictionary(m => m.ListName, m => m.Status);
    }
}
