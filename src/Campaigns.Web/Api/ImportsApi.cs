using Campaigns.Core.Accounts;
using Campaigns.Core.Import;
using Campaigns.Web.Admin;
using Campaigns.Web.Imports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Campaigns.Web.Api;

public static class ImportsApi
{
    public static RouteGroupBuilder MapImportsApi(this RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/imports").WithTags("Imports");
        imports.MapGet("/", async (long? listId, int? offset, int? limit, IImportStore store, CancellationToken ct) =>
                Paging.Of(await store.ListAsync(listId, 1000, ct), offset, limit))
            .RequireAuthorization(ApiPolicies.For(ApiScopes.SubscribersRead));
        imports.MapGet("/{id:long}", async Task<Results<Ok<ImportSummary>, ProblemHttpResult>> (long id, IImportStore store, CancellationToken ct) =>
                await store.GetAsync(id, ct) is { } import ? TypedResults.Ok(import) : ApiProblems.NotFound($"Import {id} does not exist."))
            .RequireAuthorization(ApiPolicies.For(ApiScopes.SubscribersRead));
        imports.MapGet("/{id:long}/errors", async Task<Results<PushStreamHttpResult, ProblemHttpResult>> (long id, IImportStore store, CancellationToken ct) =>
            {
                if (await store.GetAsync(id, ct) is null)
                {
                    return ApiProblems.NotFound($"Import {id} does not exist.");
                }

                return TypedResults.Stream(async output =>
                {
                    await using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(false));
                    await writer.WriteLineAsync("line,reason,email");
                    await foreach (var e in store.ReadErrorsAsync(id, ct))
                    {
                        await writer.WriteLineAsync($"{e.Line},{AdminEndpoints.Csv(e.Reason)},{AdminEndpoints.Csv(e.Email)}");
                    }
                }, "text/csv; charset=utf-8", $"import-{id}-errors.csv");
            })
            .RequireAuthorization(ApiPolicies.For(ApiScopes.SubscribersRead));

        // The CSV is the request body (text/csv), spooled to disk first; the answer is the import's report.
        imports.MapPost("/", async (HttpRequest request, long listId, string? mode, string? fileName, CsvImporter importer, UploadSpool spool, CancellationToken ct) =>
            {
                var path = spool.NewPath();
                try
                {
                    await using (var file = File.Create(path))
                    {
                        await request.Body.CopyToAsync(file, ct);
                    }

                    await using var input = File.OpenRead(path);
                    return await importer.ImportAsync(input, new ImportOptions(listId, QueryEnum.Parse<ImportMode>(mode, "mode") ?? ImportMode.Add, fileName ?? "api.csv"), cancellationToken: ct);
                }
                finally
                {
                    File.Delete(path);
                }
            })
            .Accepts<string>("text/csv")
            .RequireAuthorization(ApiPolicies.For(ApiScopes.SubscribersWrite));
        return api;
    }
}
