using System.Text;
using Campaigns.Core.Accounts;
using Campaigns.Core.Common;
using Campaigns.Core.Import;
using Campaigns.Core.Subscribers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Campaigns.Web.Api;

public static class SubscribersApi
{
    public const int MaxPerRequest = 10_000;

    public static RouteGroupBuilder MapSubscribersApi(this RouteGroupBuilder api)
    {
        var subscribers = api.MapGroup("/subscribers").WithTags("Subscribers");
        subscribers.MapGet("/", async (string? search, long? listId, string? status, string? membership, string? attribute, string? value,
                int? offset, int? limit, ISubscriberStore store, CancellationToken ct) =>
            {
                var (o, l) = Paging.Clamp(offset, limit);
                var query = new SubscriberQuery(search, listId, o, l, QueryEnum.Parse<SubscriberStatus>(status, "status"), QueryEnum.Parse<MembershipStatus>(membership, "membership"), attribute, value);
                return new Page<Subscriber>(await store.FindAsync(query, ct), o, l, await store.CountAsync(query, ct));
            })
            .RequireAuthorization(ApiPolicies.For(ApiScopes.SubscribersRead));
        subscribers.MapGet("/{id:long}", async Task<Results<Ok<SubscriberDetail>, ProblemHttpResult>> (long id, ISubscriberStore store, CancellationToken ct) =>
                await store.GetAsync(id, ct) is { } s
                    ? TypedResults.Ok(new SubscriberDetail(s, await store.GetMembershipsAsync(id, ct)))
                    : ApiProblems.NotFound($"Subscriber {id} does not exist."))
            .RequireAuthorization(ApiPolicies.For(ApiScopes.SubscribersRead));
        subscribers.MapPost("/", (SubscriberInput subscriber, long listId, string? mode, CsvImporter importer, CancellationToken ct) =>
                ImportAsync(new SubscribersRequest(listId, [subscriber], QueryEnum.Parse<ImportMode>(mode, "mode") ?? ImportMode.Upsert), importer, ct))
            .RequireAuthorization(ApiPolicies.For(ApiScopes.SubscribersWrite));
        subscribers.MapPost("/bulk", (SubscribersRequest request, CsvImporter importer, CancellationToken ct) => ImportAsync(request, importer, ct))
            .RequireAuthorization(ApiPolicies.For(ApiScopes.SubscribersWrite));
        return api;
    }

    /// <summary>
    /// Subscribers sent as JSON go through the CSV importer, so they meet exactly the rules of a file: address
    /// syntax, duplicates, suppressions, modes, one transaction per batch, and a report of every row not taken.
    /// </summary>
    private static async Task<ImportReport> ImportAsync(SubscribersRequest request, CsvImporter importer, CancellationToken ct)
    {
        if (request.Subscribers is not { Count: > 0 } rows || rows.Count > MaxPerRequest)
        {
            throw new ValidationException($"Send 1 to {MaxPerRequest:N0} subscribers per request.", "subscribers");
        }

        var csv = new StringBuilder("email,name,attributes\n");
        foreach (var s in rows)
        {
            csv.Append(Quote(s?.Email)).Append(',').Append(Quote(s?.Name)).Append(',').Append(Quote(s?.Attributes?.ToJsonString() ?? "{}")).Append('\n');
        }

        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));
        return await importer.ImportAsync(stream, new ImportOptions(request.ListId, request.Mode, "api", Delimiter: ","), cancellationToken: ct);
    }

    private static string Quote(string? value) => "\"" + (value ?? "").Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
