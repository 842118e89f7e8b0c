using Campaigns.Core.Accounts;
using Campaigns.Core.Lists;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Campaigns.Web.Api;

public static class ListsApi
{
    public static RouteGroupBuilder MapListsApi(this RouteGroupBuilder api)
    {
        var lists = api.MapGroup("/lists").WithTags("Lists");
        lists.MapGet("/", async (int? offset, int? limit, IListStore store, CancellationToken ct) => Paging.Of(await store.ListAsync(ct), offset, limit))
            .RequireAuthorization(ApiPolicies.For(ApiScopes.ListsRead));
        lists.MapGet("/{id:long}", async Task<Results<Ok<MailingList>, ProblemHttpResult>> (long id, IListStore store, CancellationToken ct) =>
                await store.GetAsync(id, ct) is { } list ? TypedResults.Ok(list) : ApiProblems.NotFound($"List {id} does not exist."))
            .RequireAuthorization(ApiPolicies.For(ApiScopes.ListsRead));
        lists.MapPost("/", async (NewList list, IListStore store, CancellationToken ct) =>
            {
                var created = await store.CreateAsync(list, ct);
                return TypedResults.Created($"/api/v1/lists/{created.Id}", created);
            })
            .RequireAuthorization(ApiPolicies.For(ApiScopes.ListsWrite));
        lists.MapDelete("/{id:long}", async Task<Results<NoContent, ProblemHttpResult>> (long id, IListStore store, CancellationToken ct) =>
                await store.DeleteAsync(id, ct) ? TypedResults.NoContent() : ApiProblems.NotFound($"List {id} does not exist."))
            .RequireAuthorization(ApiPolicies.For(ApiScopes.ListsWrite));
        return api;
    }
}
