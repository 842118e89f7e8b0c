using Campaigns.Core.Export;
using Campaigns.Core.Import;
using Campaigns.Core.Lists;
using Campaigns.Web.Accounts;
using Campaigns.Web.Reports;

namespace Campaigns.Web.Admin;

/// <summary>File downloads for the admin UI (streamed over plain HTTP, not the Blazor circuit), behind the same cookie and role policies.</summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/lists/{id:long}/export", async (long id, IListStore lists, CsvExporter exporter, HttpContext http) =>
        {
            if (await lists.GetAsync(id, http.RequestAborted) is not { } list)
            {
                return Results.NotFound();
            }

            return Results.Stream(async output => await exporter.ExportAsync(id, output, cancellationToken: http.RequestAborted),
                "text/csv; charset=utf-8", FileName(list.Name) + ".csv");
        }).RequireAuthorization(Policies.Editor);

        app.MapGet("/imports/{id:long}/errors", async (long id, IImportStore imports, HttpContext http) =>
        {
            if (await imports.GetAsync(id, http.RequestAborted) is null)
            {
                return Results.NotFound();
            }

            return Results.Stream(async output =>
            {
                await using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(false));
                await writer.WriteLineAsync("line,reason,email");
                await foreach (var error in imports.ReadErrorsAsync(id, http.RequestAborted))
                {
                    await writer.WriteLineAsync($"{error.Line},{Csv(error.Reason)},{Csv(error.Email)}");
                }
            }, "text/csv; charset=utf-8", $"import-{id}-errors.csv");
        }).RequireAuthorization(Policies.Editor);

        app.MapGet("/reports/{id:long}/export", async (long id, CampaignReportService reports, HttpContext http) =>
        {
            if (await reports.GetAsync(id, http.RequestAborted) is not { } report)
            {
                return Results.NotFound();
            }

            return Results.Text(CampaignReportCsv.Write(report), "text/csv; charset=utf-8");
        }).RequireAuthorization(Policies.Viewer);
        return app;
    }

    private static string FileName(string name) =>
        new string([.. name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-')]).Trim('-') is { Length: > 0 } s ? s : "list";

    /// <summary>Quoted, and neutralized against formula injection like the list export.</summary>
    internal static string Csv(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
