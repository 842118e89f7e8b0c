using Campaigns.Core.Accounts;
using Campaigns.Core.Sending;
using Campaigns.Sending.Composition;
using Campaigns.Web.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Campaigns.Web.Api;

public static class CampaignsApi
{
    public static RouteGroupBuilder MapCampaignsApi(this RouteGroupBuilder api)
    {
        var campaigns = api.MapGroup("/campaigns").WithTags("Campaigns");
        campaigns.MapGet("/", async (int? offset, int? limit, ICampaignStore store, CancellationToken ct) => Paging.Of(await store.ListAsync(10_000, ct), offset, limit))
            .RequireAuthorization(ApiPolicies.For(ApiScopes.CampaignsRead));
        campaigns.MapGet("/{id:long}", async Task<Results<Ok<Campaign>, ProblemHttpResult>> (long id, ICampaignStore store, CancellationToken ct) =>
                await store.GetAsync(id, ct) is { } c ? TypedResults.Ok(c) : ApiProblems.NotFound($"Campaign {id} does not exist."))
            .RequireAuthorization(ApiPolicies.For(ApiScopes.CampaignsRead));
        campaigns.MapGet("/{id:long}/stats", async Task<Results<Ok<CampaignStats>, ProblemHttpResult>> (long id, CampaignReportService reports, CancellationToken ct) =>
                await reports.GetAsync(id, ct) is { } r ? TypedResults.Ok(new CampaignStats(r.Progress, r.Engagement, r.Bounces)) : ApiProblems.NotFound($"Campaign {id} does not exist."))
            .RequireAuthorization(ApiPolicies.For(ApiScopes.CampaignsRead));
        campaigns.MapPost("/", async (CampaignDraft draft, CampaignEditor editor, CancellationToken ct) =>
            {
                var created = await editor.CreateAsync(draft.Validated(), ct);
                return TypedResults.Created($"/api/v1/campaigns/{created.Id}", created);
            })
            .RequireAuthorization(ApiPolicies.For(ApiScopes.CampaignsWrite));
        campaigns.MapPut("/{id:long}", async (long id, CampaignDraft draft, CampaignEditor editor, CancellationToken ct) =>
                TypedResults.Ok(await editor.UpdateAsync(id, draft.Validated(), ct)))
            .RequireAuthorization(ApiPolicies.For(ApiScopes.CampaignsWrite));
        campaigns.MapPost("/{id:long}/schedule", async (long id, ScheduleRequest request, CampaignCommands commands, ICampaignStore store, CancellationToken ct) =>
            {
                await commands.ScheduleAsync(id, request.LocalTime, request.TimeZone ?? "UTC", ct);
                return TypedResults.Ok(await store.GetAsync(id, ct));
            })
            .RequireAuthorization(ApiPolicies.For(ApiScopes.CampaignsSend));
        MapCommand(campaigns, "start", (c, id, ct) => c.StartAsync(id, ct));
        MapCommand(campaigns, "pause", (c, id, ct) => c.PauseAsync(id, ct));
        MapCommand(campaigns, "resume", (c, id, ct) => c.ResumeAsync(id, ct));
        MapCommand(campaigns, "cancel", (c, id, ct) => c.CancelAsync(id, ct));
        return api;
    }

    private static void MapCommand(RouteGroupBuilder campaigns, string verb, Func<CampaignCommands, long, CancellationToken, Task> command) =>
        campaigns.MapPost($"/{{id:long}}/{verb}", async (long id, CampaignCommands commands, ICampaignStore store, CancellationToken ct) =>
            {
                await command(commands, id, ct);
                return TypedResults.Ok(await store.GetAsync(id, ct));
            })
            .WithName($"Campaign{char.ToUpperInvariant(verb[0])}{verb[1..]}")
            .RequireAuthorization(ApiPolicies.For(ApiScopes.CampaignsSend));
}
