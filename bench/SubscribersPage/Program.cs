using System.Diagnostics;
using Campaigns.Core.Lists;
using Campaigns.Core.Subscribers;
using Campaigns.Data;
using Campaigns.Data.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

// Times what the Subscribers page asks the store for, as the page asks it (a page of 50 and the matching total),
// against a database already holding the benchmark list. Prints one line per case: name, median ms, p95 ms.
var dataDirectory = args.Length > 0 ? args[0] : throw new ArgumentException("usage: SubscribersPage DATA_DIR [REPEATS]");
var repeats = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15;
var services = new ServiceCollection().AddCampaignsData(DatabaseOptions.Sqlite(Path.Combine(dataDirectory, "campaigns.db"))).BuildServiceProvider();
var store = services.GetRequiredService<ISubscriberStore>();
var list = (await services.GetRequiredService<IListStore>().ListAsync()).OrderByDescending(l => l.Total).First().List;
var random = new Random(7);
string Prefix() => new([(char)('a' + random.Next(26)), (char)('a' + random.Next(26))]);
var someone = (await store.FindAsync(new SubscriberQuery(Offset: 500_000, Limit: 1))).Single().Email;
var localPart = someone[..(someone.IndexOf('@') + 1)];

var cases = new (string Name, Func<SubscriberQuery> Query)[]
{
    ("first page, everyone", () => new SubscriberQuery()),
    ("first page, one list", () => new SubscriberQuery(ListId: list.Id)),
    ("page 1,000, one list", () => new SubscriberQuery(ListId: list.Id, Offset: 50_000)),
    ("email prefix (2 letters)", () => new SubscriberQuery(Prefix())),
    ("email prefix (first 4 characters of an address)", () => new SubscriberQuery(localPart[..4])),
    ("email prefix with @ (a whole local part)", () => new SubscriberQuery(localPart)),
    ("name search (no @: prefix or anywhere in the name)", () => new SubscriberQuery("müll")),
    ("attribute filter plan=team, one list", () => new SubscriberQuery(ListId: list.Id, AttributeName: "plan", AttributeValue: "team")),
};

foreach (var (name, query) in cases)
{
    await RunAsync(query()); // warm the page cache as a page that is open already has
    var times = new List<double>();
    for (var i = 0; i < repeats; i++)
    {
        var q = query();
        var watch = Stopwatch.StartNew();
        await RunAsync(q);
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    var matches = await store.CountAsync(query());
    Console.WriteLine($"{name}\t{times[times.Count / 2]:F1}\t{times[(int)Math.Ceiling(times.Count * 0.95) - 1]:F1}\t{matches}");
}

async Task RunAsync(SubscriberQuery q)
{
    var page = await store.FindAsync(q);
    var total = await store.CountAsync(q);
    GC.KeepAlive((page, total));
}
