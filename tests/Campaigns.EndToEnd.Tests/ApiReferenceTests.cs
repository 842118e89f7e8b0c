using Microsoft.Playwright;

namespace Campaigns.EndToEnd.Tests;

/// <summary>The API's browsable reference renders in a real browser under its CSP, from the app's own assets.</summary>
public sealed class ApiReferenceTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_reference_page_lists_the_api_operations()
    {
        var page = await fixture.NewPageAsync([]);
        var foreign = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(fixture.App.BaseUrl, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                foreign.Add(request.Url);
            }
        };
        await page.GotoAsync("/api/docs");
        await Assertions.Expect(page.GetByText("Campaigns API").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("/api/v1/lists").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "api-reference");
        Assert.Empty(foreign);
    }
}
