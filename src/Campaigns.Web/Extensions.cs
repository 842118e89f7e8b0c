using Campaigns.Data;
using Campaigns.Web.Components;

namespace Campaigns.Web;

/// <summary>The web host's wiring: services in <see cref="AddCampaignsWeb"/>, the request pipeline in <see cref="UseCampaignsWeb"/>.</summary>
public static class Extensions
{
    public static WebApplicationBuilder AddCampaignsWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCampaignsData(builder.Configuration);
        builder.Services.AddMigrationsOnStartup();
        builder.Services.AddHealthChecks();
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
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapHealthChecks("/healthz");
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
