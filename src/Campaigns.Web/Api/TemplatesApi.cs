using Campaigns.Core.Accounts;
using Campaigns.Core.Common;
using Campaigns.Core.Sending;
using Campaigns.Sending.Composition;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Campaigns.Web.Api;

public static class TemplatesApi
{
    public static RouteGroupBuilder MapTemplatesApi(this RouteGroupBuilder api)
    {
        var templates = api.MapGroup("/templates").WithTags("Templates");
        templates.MapGet("/", async (int? offset, int? limit, ITemplateStore store, CancellationToken ct) => Paging.Of(await store.ListAsync(ct), offset, limit))
            .RequireAuthorization(ApiPolicies.For(ApiScopes.TemplatesRead));
        templates.MapGet("/{id:long}", async Task<Results<Ok<LayoutTemplate>, ProblemHttpResult>> (long id, ITemplateStore store, CancellationToken ct) =>
                await store.GetAsync(id, ct) is { } t ? TypedResults.Ok(t) : ApiProblems.NotFound($"Template {id} does not exist."))
            .RequireAuthorization(ApiPolicies.For(ApiScopes.TemplatesRead));
        templates.MapPost("/", async (TemplateRequest request, CampaignEditor editor, CancellationToken ct) =>
            {
                var saved = await editor.SaveLayoutAsync(null, Name(request), request.Body ?? "", ct);
                return TypedResults.Created($"/api/v1/templates/{saved.Id}", saved);
            })
            .RequireAuthorization(ApiPolicies.For(ApiScopes.TemplatesWrite));
        templates.MapPut("/{id:long}", async Task<Results<Ok<LayoutTemplate>, ProblemHttpResult>> (long id, TemplateRequest request, ITemplateStore store, CampaignEditor editor, CancellationToken ct) =>
            {
                if (await store.GetAsync(id, ct) is null)
                {
                    return ApiProblems.NotFound($"Template {id} does not exist.");
                }

                return TypedResults.Ok(await editor.SaveLayoutAsync(id, Name(request), request.Body ?? "", ct));
            })
            .RequireAuthorization(ApiPolicies.For(ApiScopes.TemplatesWrite));
        return api;
    }

    private static string Name(TemplateRequest request) =>
        (request.Name ?? "").Trim() is { Length: > 0 and <= 200 } name ? name : throw new ValidationException("A template needs a name of 1 to 200 characters.", "name");
}
