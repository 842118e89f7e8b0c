using Microsoft.Playwright;
using static Campaigns.EndToEnd.Tests.PageSteps;

namespace Campaigns.EndToEnd.Tests;

/// <summary>Roles in the browser: an admin adds a viewer, who reads reports and meets "no access" on every editor's page.</summary>
public sealed class RoleTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private readonly List<string> _dialogs = [];

    [Fact]
    public async Task A_viewer_reads_reports_but_cannot_open_an_editors_page()
    {
        var admin = await fixture.NewPageAsync(_dialogs);
        await SignInAsAdminAsync(admin);
        await OpenAsync(admin, "/settings/users");
        var viewerEmail = $"viewer-{Guid.NewGuid():N}@example.com";
        await Input(admin, "new-user-email").FillAsync(viewerEmail);
        await Input(admin, "new-user-name").FillAsync("Vic Viewer");
        await admin.GetByTestId("new-user-role").ClickAsync();
        await admin.Locator(".mud-popover-open .mud-list-item", new() { HasText = "viewer" }).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(admin.GetByTestId("new-user-role")).ToContainTextAsync("viewer");
        await Input(admin, "new-user-password").FillAsync(Password);
        await admin.GetByTestId("create-user").ClickAsync();
        await Expect(admin.GetByTestId("users-message")).ToContainTextAsync("can now sign in as viewer");
        await BrowserFixture.ScreenshotAsync(admin, "settings-users");

        var viewer = await fixture.NewPageAsync(_dialogs);
        await SignInAsync(viewer, viewerEmail);
        await OpenAsync(viewer, "/reports");
        await Expect(viewer.Locator("h4")).ToHaveTextAsync("Reports");
        Assert.Equal(0, await viewer.GetByRole(AriaRole.Link, new() { Name = "Campaigns", Exact = true }).CountAsync());
        foreach (var path in new[] { "/campaigns", "/lists", "/templates/new", "/settings/users" })
        {
            await viewer.GotoAsync(path);
            await Expect(viewer.GetByTestId("forbidden")).ToBeVisibleAsync();
        }

        // Nor through the API: a browser session is not an API credential.
        var api = await viewer.APIRequest.PostAsync("/api/v1/lists", new() { DataObject = new { name = "Sneaky" } });
        Assert.Equal(401, api.Status);
        Assert.Empty(_dialogs);
    }
}
