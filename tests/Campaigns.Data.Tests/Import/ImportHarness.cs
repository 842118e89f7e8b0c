using Campaigns.Core.Import;
using Campaigns.Core.Lists;
using Campaigns.Core.Subscribers;
using Campaigns.Data.Tests.Infrastructure;
using Campaigns.Testing;

namespace Campaigns.Data.Tests.Import;

/// <summary>Runs imports against a real database and reads back what they left.</summary>
internal static class ImportHarness
{
    public static async Task<MailingList> ListAsync(this TestDatabase db, string name = "Newsletter", OptInKind optIn = OptInKind.Single) =>
        await db.Get<IListStore>().FindByNameAsync(name) ?? await db.Get<IListStore>().CreateAsync(new NewList(name, OptIn: optIn));

    public static async Task<ImportReport> ImportAsync(this TestDatabase db, string csv, ImportMode mode = ImportMode.Add, string list = "Newsletter", int batchSize = 5000)
    {
        var target = await db.ListAsync(list);
        return await db.Get<CsvImporter>().ImportAsync(Csv.Utf8(csv), new ImportOptions(target.Id, mode, "test.csv") { BatchSize = batchSize });
    }

    public static async Task<ImportReport> ImportBytesAsync(this TestDatabase db, byte[] bytes, ImportMode mode = ImportMode.Add)
    {
        var target = await db.ListAsync();
        return await db.Get<CsvImporter>().ImportAsync(Csv.Bytes(bytes), new ImportOptions(target.Id, mode, "test.csv"));
    }

    public static async Task<Subscriber> SubscriberAsync(this TestDatabase db, string email) =>
        await db.Get<ISubscriberStore>().GetByEmailAsync(email) ?? throw new InvalidOperationException($"{email} is not in the database");

    public static async Task<MembershipStatus?> MembershipAsync(this TestDatabase db, string email, string list = "Newsletter")
    {
        var subscriber = await db.Get<ISubscriberStore>().GetByEmailAsync(email);
        if (subscriber is null)
        {
            return null;
        }

        var memberships = await db.Get<ISubscriberStore>().GetMembershipsAsync(subscriber.Id);
        return memberships.FirstOrDefault(m => m.ListName == list)?.Status;
    }

    public static Task<long> CountAsync(this TestDatabase db) => db.Get<ISubscriberStore>().CountAsync();
}
