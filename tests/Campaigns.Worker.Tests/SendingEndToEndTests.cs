using System.Text;
using Campaigns.Core.Import;
using Campaigns.Core.Lists;
using Campaigns.Core.Sending;
using Campaigns.Data.Sending;
using Campaigns.Mail.Dkim;
using Campaigns.Sending.Composition;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MimeKit.Cryptography;

namespace Campaigns.Worker.Tests;

/// <summary>The embedded default, whole: in-memory bus, the dispatcher and the consumer in one host, mail to the pickup folder.</summary>
public sealed class SendingEndToEndTests
{
    [Fact]
    public async Task A_campaign_goes_to_each_recipient_once_personalized_tracked_signed_and_with_one_click_unsubscribe()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await WorkerHost.StartAsync(new()
        {
            ["Campaigns:Sending:PublicUrl"] = "https://mail.example.com",
            ["Campaigns:Sending:BounceDomain"] = "bounce.example.com",
            ["Campaigns:Sending:BatchSize"] = "10",
        });
        var lists = host.Services.GetRequiredService<IListStore>();
        var a = await lists.CreateAsync(new NewList("A"), ct);
        var b = await lists.CreateAsync(new NewList("B"), ct);
        var emails = Enumerable.Range(0, 30).Select(i => $"user{i:00}@{(i % 3 == 0 ? "gmail.com" : i % 3 == 1 ? "example.org" : $"d{i}.example")}").ToList();
        await ImportAsync(host, a.Id, emails.Take(20));
        await ImportAsync(host, b.Id, emails.Skip(10)); // ten in both lists
        var key = DkimKeyGenerator.Generate("example.com", "s1", DkimAlgorithm.Ed25519);
        await host.Services.GetRequiredService<DkimKeyStore>().AddAsync(key.Domain, key.Selector, "ed25519", key.PrivateKeyPem, key.PublicKeyBase64, ct);
        var campaign = await host.Services.GetRequiredService<CampaignEditor>().CreateAsync(new CampaignDraft(
            "Nov", "Hello {{ subscriber.first_name | default: \"there\" }}", "News", "news@example.com",
            "<p>Hi {{ subscriber.name }}</p><p><a href=\"https://example.com/read?a=1&amp;b=2\">Read</a> <a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>",
            [a.Id, b.Id]), ct);

        await host.Services.GetRequiredService<CampaignCommands>().StartAsync(campaign.Id, ct);
        var progress = await WaitUntilAsync(host, campaign.Id, p => p.Status == CampaignStatus.Finished, ct);

        Assert.Equal((30L, 30L, 0L, 0L), (progress.Planned, progress.Sent, progress.Failed, progress.Deferred));
        var files = Directory.GetFiles(Path.Combine(host.DataDirectory, "pickup"), "*.eml");
        Assert.Equal(30, files.Length);
        var recipients = new List<string>();
        foreach (var file in files)
        {
            var message = await MimeMessage.LoadAsync(file, ct);
            var to = ((MailboxAddress)message.To.Single()).Address;
            recipients.Add(to);
            Assert.Equal($"<{to}>", message.Headers["X-Envelope-To"]);
            Assert.Matches(@"^<bounces\+c\d+-s\d+-[0-9a-f]{12}@bounce\.example\.com>$", message.Headers["X-Envelope-From"]);
            Assert.StartsWith("Hello ", message.Subject, StringComparison.Ordinal);
            Assert.Matches(@"^<https://mail\.example\.com/u/[A-Za-z0-9_-]+>, <mailto:unsubscribe\+[A-Za-z0-9_-]+@bounce\.example\.com>$", message.Headers["List-Unsubscribe"]);
            Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
            Assert.Contains("https://mail.example.com/c/", message.HtmlBody, StringComparison.Ordinal); // the article link is tracked
            Assert.DoesNotContain("https://example.com/read", message.HtmlBody, StringComparison.Ordinal);
            Assert.Contains("https://mail.example.com/o/", message.HtmlBody, StringComparison.Ordinal); // the open pixel
            Assert.Contains("https://mail.example.com/u/", message.HtmlBody, StringComparison.Ordinal); // the unsubscribe link is left as it is
            Assert.Contains("Hi user", message.TextBody, StringComparison.Ordinal);
            var verifier = new DkimVerifier(new SingleKey(key));
            verifier.Enable(DkimSignatureAlgorithm.Ed25519Sha256);
            Assert.True(await verifier.VerifyAsync(message, message.Headers[message.Headers.IndexOf(HeaderId.DkimSignature)], ct));
        }

        Assert.Equal(emails.Order(), recipients.Order());
        using var http = new HttpClient { BaseAddress = new Uri(host.Url) };
        var metrics = await http.GetStringAsync("/metrics", ct);
        var lines = metrics.Split('\n');
        // The registry is the process's: other tests' hosts count too, so at least this campaign's messages are there.
        static double Count(string[] lines, string domain) => lines
            .Where(l => l.StartsWith("campaigns_sending_messages", StringComparison.Ordinal) && l.Contains("outcome=\"sent\"", StringComparison.Ordinal)
                        && l.Contains($"domain=\"{domain}\"", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(Count(lines, "gmail.com") >= 10, metrics); // gmail.com has a rule of its own
        Assert.True(Count(lines, "other") >= 20, metrics); // domains without one
        Assert.Contains("campaigns_sending_queue_depth", metrics, StringComparison.Ordinal);
        Assert.Contains("campaigns_import_rows", metrics, StringComparison.Ordinal);
        var link = await host.Services.GetRequiredService<CampaignLinkStore>().GetUrlAsync(campaign.Id, 1, ct);
        Assert.Equal("https://example.com/read?a=1&b=2", link);
    }

    [Fact]
    public async Task A_test_send_goes_out_marked_with_the_subscribers_data_and_leaves_the_ledger_alone()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await WorkerHost.StartAsync();
        var list = await host.Services.GetRequiredService<IListStore>().CreateAsync(new NewList("A"), ct);
        await ImportAsync(host, list.Id, ["ann@example.com"]);
        var campaign = await host.Services.GetRequiredService<CampaignEditor>().CreateAsync(new CampaignDraft(
            "Nov", "Hi {{ subscriber.name }}", "News", "news@example.com", "<p>Hi {{ subscriber.name }}</p>", [list.Id]), ct);

        var results = await host.Services.GetRequiredService<CampaignTester>().SendAsync(campaign.Id, ["ann@example.com", "boss@example.net"], ct);

        Assert.All(results, r => Assert.Equal(Campaigns.Sending.Transport.DeliveryOutcome.Sent, r.Result.Outcome));
        var subjects = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(host.DataDirectory, "pickup"), "*.eml"))
        {
            subjects.Add((await MimeMessage.LoadAsync(file, ct)).Subject ?? "");
        }

        Assert.Equal(["[Test] Hi Ann Example", "[Test] Hi ann"], subjects.Order(StringComparer.Ordinal));
        Assert.Equal(0, (await host.Services.GetRequiredService<ICampaignControl>().GetProgressAsync(campaign.Id, ct)).Planned);
        Assert.Equal(CampaignStatus.Draft, (await host.Services.GetRequiredService<ICampaignStore>().GetAsync(campaign.Id, ct))!.Status);
        await Assert.ThrowsAsync<Core.Common.ValidationException>(() => host.Services.GetRequiredService<CampaignTester>().SendAsync(campaign.Id, ["not an address"], ct));
    }

    [Fact]
    public async Task A_recipient_whose_data_breaks_the_template_fails_alone_and_the_campaign_finishes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await WorkerHost.StartAsync();
        var list = await host.Services.GetRequiredService<IListStore>().CreateAsync(new NewList("A"), ct);
        var big = new string('x', 60_000);
        var csv = $"email,name,bio\nann@example.com,Ann,short\nbob@example.com,Bob,{big}\ncid@example.com,Cid,short\n";
        var report = await host.Services.GetRequiredService<CsvImporter>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), new ImportOptions(list.Id), cancellationToken: ct);
        Assert.Equal(3, report.Summary.Counts.Added);
        // Fine at save time; 100 copies of Bob's 60 KB bio pass the 4 MB output limit.
        var campaign = await host.Services.GetRequiredService<CampaignEditor>().CreateAsync(new CampaignDraft(
            "Bios", "Hello", "News", "news@example.com", "{% for i in (1..100) %}{{ subscriber.attributes.bio }}{% endfor %}", [list.Id]), ct);

        await host.Services.GetRequiredService<CampaignCommands>().StartAsync(campaign.Id, ct);
        var done = await WaitUntilAsync(host, campaign.Id, p => p.Status == CampaignStatus.Finished, ct);

        Assert.Equal((2L, 1L), (done.Sent, done.Failed));
        await using var connection = await host.Services.GetRequiredService<Campaigns.Data.Infrastructure.Database>().OpenAsync(ct);
        var reply = await Dapper.SqlMapper.ExecuteScalarAsync<string>(connection,
            "SELECT last_reply FROM sends x JOIN subscribers s ON s.id = x.subscriber_id WHERE s.email = 'bob@example.com'");
        Assert.StartsWith("not sent:", reply, StringComparison.Ordinal);
    }

    private static async Task ImportAsync(WorkerHost host, long listId, IEnumerable<string> emails)
    {
        var csv = "email,name\n" + string.Concat(emails.Select(e => $"{e},{e.Split('@')[0]}\n"));
        var report = await host.Services.GetRequiredService<CsvImporter>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), new ImportOptions(listId));
        Assert.Equal(Core.Import.ImportStatus.Completed, report.Summary.Status);
    }

    internal static async Task<CampaignProgress> WaitUntilAsync(WorkerHost host, long campaignId, Func<CampaignProgress, bool> done, CancellationToken ct, int seconds = 60)
    {
        var control = host.Services.GetRequiredService<ICampaignControl>();
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var p = await control.GetProgressAsync(campaignId, ct);
            if (done(p))
            {
                return p;
            }

            Assert.True(DateTime.UtcNow < until, $"campaign {campaignId} did not get there in {seconds} s: {p}");
            await Task.Delay(100, ct);
        }
    }

    private sealed class SingleKey(DkimKey key) : DkimPublicKeyLocatorBase
    {
        public override Org.BouncyCastle.Crypto.AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            new Org.BouncyCastle.Crypto.Parameters.Ed25519PublicKeyParameters(Convert.FromBase64String(key.PublicKeyBase64));

        public override Task<Org.BouncyCastle.Crypto.AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(LocatePublicKey(methods, domain, selector, cancellationToken));
    }
}
