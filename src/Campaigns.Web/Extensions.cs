using Campaigns.Data;
using Campaigns.Web.Accounts;
using Campaigns.Web.Admin;
using Campaigns.Web.Api;
using Campaigns.Web.Imports;
using Campaigns.Web.Reports;
using Campaigns.Sending;
using Campaigns.Sending.Hosting;
using Campaigns.Sending.Transport;
using Campaigns.Web.Components;
using Campaigns.Web.Public;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace Campaigns.Web;

/// <summary>The web host's wiring: services in <see cref="AddCampaignsWeb"/>, the request pipeline in <see cref="UseCampaignsWeb"/>.</summary>
public static class Extensions
{
    public static WebApplicationBuilder AddCampaignsWeb(this WebApplicationBuilder builder)
    {
        // Build output (not published) outside Development, as the end-to-end tests run it: serve wwwroot and
        // the libraries' static files from where the build left them.
        if (builder.Configuration.GetValue("Campaigns:Web:StaticWebAssets", false))
        {
            builder.WebHost.UseStaticWebAssets();
        }

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddCampaignsAccounts();
        builder.Services.AddCampaignsApi();
        builder.Services.AddSingleton<CampaignReportService>();
        builder.Services.AddSingleton<ImportJobRunner>();
        builder.Services.AddSingleton<UploadSpool>();
        builder.Services.AddCampaignsData(builder.Configuration);
        builder.Services.AddMigrationsOnStartup();
        builder.Services.AddCampaignsHealthChecks();
        // The web plans and publishes; it also sends when there is no RabbitMQ (the embedded default) or when told to.
        var inMemoryBus = string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(SendingServiceCollectionExtensions.RabbitMqConnectionName));
        var runWorkers = builder.Configuration.GetValue("Campaigns:Web:RunWorkers", inMemoryBus);
        builder.Services.AddMailTransport(builder.Configuration);
        builder.Services.AddCampaignsSending(builder.Configuration, runWorkers, runDispatcher: true);
        if (runWorkers)
        {
            builder.Services.AddBounceProcessing(); // the embedded default does everything in this process
        }
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PublicTokens>();
        builder.Services.AddSingleton<TrackingEventRecorder>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TrackingEventRecorder>());
        builder.Services.AddSubscribeForms();
        return builder;
    }

    public static WebApplication UseCampaignsWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        // API errors are problem details (every API error response has a body, so the page above never replaces one).
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseExceptionHandler());
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<FirstRunRedirect>();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapCampaignsHealth();
        app.MapPublicEndpoints();
        app.MapSubscribeEndpoints();
        app.MapAccountEndpoints();
        app.MapAdminDownloads();
        app.MapCampaignsApi();
        // The admin pages get a stricter frame-ancestors from SecurityHeaders than Blazor's default 'self'.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}
