using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Campaigns.Web.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>API-key authentication, one policy per scope, problem details, JSON with enums as strings, and the OpenAPI document.</summary>
    public static IServiceCollection AddCampaignsApi(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddApiPolicies();
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        // Malformed JSON or a bad query value becomes an exception the handler turns into a 400 problem.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Campaigns API",
                    Version = "v1",
                    Description = "Lists, subscribers, imports, templates and campaigns. Authenticate with an API key: 'Authorization: Bearer cmp_…' (Settings → API keys). Errors are RFC 9457 problem details; collections are paged with offset and limit.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API key from Settings → API keys, scoped and revocable.",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] }];
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static IEndpointRouteBuilder MapCampaignsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").DisableAntiforgery();
        api.MapListsApi();
        api.MapSubscribersApi();
        api.MapImportsApi();
        api.MapTemplatesApi();
        api.MapCampaignsApi();
        app.MapOpenApi("/api/openapi/{documentName}.json").AllowAnonymous();
        // No default fonts: they come from fonts.scalar.com, and the reference loads nothing from outside the app.
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("Campaigns API").WithOpenApiRoutePattern("/api/openapi/{documentName}.json").DisableDefaultFonts()).AllowAnonymous();
        // Anything else under /api is a problem document, not the admin UI's HTML page.
        app.Map("/api/{**rest}", () => ApiProblems.NotFound("There is no such API route.")).AllowAnonymous();
        return app;
    }
}
