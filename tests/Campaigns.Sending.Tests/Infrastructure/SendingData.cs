using System.Text;
using Campaigns.Core.Import;
using Campaigns.Core.Lists;
using Campaigns.Core.Sending;
using Campaigns.Core.Subscribers;
using Campaigns.Sending;
using Campaigns.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Campaigns.Sending.Tests.Infrastructure;

/// <summary>A migrated database with the sending services (no bus consumers, no dispatcher loop) and helpers to fill it.</summary>
internal static class SendingData
{
    public static Task<TestDatabase> CreateAsync(string provider, FixedClock? clock = null, Dictionary<string, string?>? settings = null) =>
        TestDatabase.CreateAsync(provider, clock, configure: services =>
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();
            services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
            services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
            services.AddCampaignsSending(configuration, runWorkers: false, runDispatcher: false);
            services.AddSingleton<Campaigns.Sending.Bounces.BounceMailboxReader>();
        });

    /// <summary>Settings for a sending database whose bounce mailbox is Dovecot (at <paramref name="port"/>, a proxy's, or its own).</summary>
    public static Dictionary<string, string?> BounceMailbox(DovecotServer dovecot, string bounceDomain, int? port = null) => new()
    {
        ["Campaigns:Sending:BounceDomain"] = bounceDomain,
        ["Campaigns:Bounces:Imap:Host"] = "127.0.0.1",
        ["Campaigns:Bounces:Imap:Port"] = (port ?? dovecot.Port).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Campaigns:Bounces:Imap:Security"] = "None",
        ["Campaigns:Bounces:Imap:Username"] = DovecotServer.User,
        ["Campaigns:Bounces:Imap:Password"] = DovecotServer.Password,
    };

    public static async Task<MailingList> ListAsync(this TestDatabase db, string name, OptInKind optIn = OptInKind.Single) =>
        await db.Get<IListStore>().FindByNameAsync(name) ?? await db.Get<IListStore>().CreateAsync(new NewList(name, OptIn: optIn));

    /// <summary>Imports "email,name" lines into a list with the given mode.</summary>
    public static async Task ImportAsync(this TestDatabase db, string list, ImportMode mode, params string[] emails)
    {
        var target = await db.ListAsync(list);
        var csv = "email,name\n" + string.Concat(emails.Select(e => $"{e},{e.Split('@')[0]}\n"));
        var report = await db.Get<CsvImporter>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), new ImportOptions(target.Id, mode, "test.csv"));
        Assert.Equal(Core.Import.ImportStatus.Completed, report.Summary.Status);
    }

    public static async Task<Campaign> CampaignAsync(this TestDatabase db, params string[] lists)
    {
        var ids = new List<long>();
        foreach (var l in lists)
        {
            ids.Add((await db.ListAsync(l)).Id);
        }

        return await db.Get<ICampaignStore>().CreateAsync(new CampaignDraft(
            "November news", "Hello {{ subscriber.name }}", "News", "news@example.com",
            "<p>Hi {{ subscriber.name }}, <a href=\"https://example.com/article?id=1&amp;x=2\">read</a></p>", ids));
    }

    /// <summary>The ledger as (email, status, batch domain) rows.</summary>
    public static async Task<List<(string Email, string Status, string Domain, long BatchId)>> LedgerAsync(this TestDatabase db, long campaignId)
    {
        await using var connection = await db.Database.OpenAsync();
        var rows = await Dapper.SqlMapper.QueryAsync<(string, string, string, long)>(connection,
            "SELECT s.email, x.status, b.domain, x.batch_id FROM sends x JOIN subscribers s ON s.id = x.subscriber_id JOIN send_batches b ON b.id = x.batch_id WHERE x.campaign_id = @campaignId ORDER BY s.email",
            new { campaignId });
        return rows.ToList();
    }
}
