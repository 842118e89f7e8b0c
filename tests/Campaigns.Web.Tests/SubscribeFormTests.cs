using System.Net;
using System.Text.RegularExpressions;
using Campaigns.Core.Lists;
using Campaigns.Core.Subscribers;
using Campaigns.Core.Suppressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Campaigns.Web.Tests;

/// <summary>The public subscribe form: double and single opt-in, and its guards against abuse.</summary>
public sealed partial class SubscribeFormTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "campaigns-web-tests", Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program> _factory = default!;
    private HttpClient _client = default!;
    private MailingList _double = default!;
    private MailingList _single = default!;
    private MailingList _private = default!;

    public async ValueTask InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Campaigns:DataDirectory", _dataDirectory);
            web.UseSetting("Campaigns:Sending:PublicUrl", "http://localhost");
            web.UseEnvironment("Production");
        });
        _client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var lists = _factory.Services.GetRequiredService<IListStore>();
        _double = await lists.CreateAsync(new NewList("Weekly", "Every Monday", ListVisibility.Public, OptInKind.Double));
        _single = await lists.CreateAsync(new NewList("Offers", "", ListVisibility.Public, OptInKind.Single));
        _private = await lists.CreateAsync(new NewList("Staff", "", ListVisibility.Private));
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private Task<HttpResponseMessage> PostAsync(string email, params (string Key, string Value)[] extra)
    {
        var fields = new List<KeyValuePair<string, string>> { new("email", email), new("name", "Ann") };
        fields.AddRange(extra.Select(e => new KeyValuePair<string, string>(e.Key, e.Value)));
        return _client.PostAsync(new Uri("/subscribe", UriKind.Relative), new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
    }

    private static (string, string) List(MailingList l) => ("list", l.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private async Task<MembershipStatus?> StatusAsync(string email, MailingList list)
    {
        var subscribers = _factory.Services.GetRequiredService<ISubscriberStore>();
        var s = await subscribers.GetByEmailAsync(email);
        return s is null ? null : (await subscribers.GetMembershipsAsync(s.Id)).FirstOrDefault(m => m.ListId == list.Id)?.Status;
    }

    private string[] Mails() => Directory.Exists(Path.Combine(_dataDirectory, "pickup")) ? Directory.GetFiles(Path.Combine(_dataDirectory, "pickup"), "*.eml") : [];

    [GeneratedRegex(@"http://localhost(/confirm/[A-Za-z0-9_-]+)")]
    private static partial Regex ConfirmLink();

    [Fact]
    public async Task Double_opt_in_waits_for_the_link_and_a_button_confirms()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.Contains("Weekly", await _client.GetStringAsync(new Uri("/subscribe", UriKind.Relative), ct), StringComparison.Ordinal);

        var response = await PostAsync("ann@example.com", List(_double), List(_single), List(_private));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MembershipStatus.Unconfirmed, await StatusAsync("ann@example.com", _double));
        Assert.Equal(MembershipStatus.Confirmed, await StatusAsync("ann@example.com", _single));
        Assert.Null(await StatusAsync("ann@example.com", _private)); // a private list cannot be joined from a form
        var mail = await MimeMessage.LoadAsync(Mails().Single(), ct);
        Assert.Equal("Confirm your subscription to Weekly", mail.Subject);
        var link = new Uri(ConfirmLink().Match(mail.TextBody!).Groups[1].Value, UriKind.Relative);

        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(link, ct)).StatusCode);
        Assert.Equal(MembershipStatus.Unconfirmed, await StatusAsync("ann@example.com", _double)); // following the link (or a scanner) does not confirm
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync(link, null, ct)).StatusCode);
        Assert.Equal(MembershipStatus.Confirmed, await StatusAsync("ann@example.com", _double));
        var forged = new Uri(link.OriginalString[..^3] + (link.OriginalString[^3] == 'A' ? "B" : "A") + link.OriginalString[^2..], UriKind.Relative);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.PostAsync(forged, null, ct)).StatusCode);
    }

    [Fact]
    public async Task Bots_suppressed_addresses_and_floods_get_the_same_answer_and_change_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var thanks = await (await PostAsync("ann@example.com", List(_double))).Content.ReadAsStringAsync(ct);

        var bot = await (await PostAsync("bot@example.com", List(_single), ("website", "http://spam.example"))).Content.ReadAsStringAsync(ct);
        Assert.Equal(thanks, bot);
        Assert.Null(await StatusAsync("bot@example.com", _single));

        await _factory.Services.GetRequiredService<ISuppressionStore>().AddAsync(SuppressionKind.Address, "bad@example.com", "complaint");
        Assert.Equal(thanks, await (await PostAsync("bad@example.com", List(_single))).Content.ReadAsStringAsync(ct));
        Assert.Null(await StatusAsync("bad@example.com", _single));

        // The same address over and over: at most three confirmation mails an hour.
        for (var i = 0; i < 4; i++)
        {
            await PostAsync("ann@example.com", List(_double));
        }

        Assert.Equal(3, Mails().Length);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("not an address", List(_single))).StatusCode);
    }

    [Fact]
    public async Task One_source_is_limited_to_ten_requests_a_minute()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            statuses.Add((await PostAsync($"user{i}@example.com", List(_single))).StatusCode);
        }

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task A_form_posted_a_thousand_times_sends_three_mails_and_changes_no_one_else()
    {
        var ct = TestContext.Current.CancellationToken;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 1000; i++)
        {
            statuses.Add((await PostAsync("victim@example.com", List(_double))).StatusCode);
        }

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(990, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(3, Mails().Length); // the per-address limit, well under the per-IP one
        Assert.Equal(MembershipStatus.Unconfirmed, await StatusAsync("victim@example.com", _double)); // never confirmed by a form alone
        Assert.Equal(1, await _factory.Services.GetRequiredService<ISubscriberStore>().CountAsync(cancellationToken: ct));
    }
}
