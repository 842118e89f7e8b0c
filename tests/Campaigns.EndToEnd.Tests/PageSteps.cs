using Microsoft.Playwright;

namespace Campaigns.EndToEnd.Tests;

/// <summary>Steps shared by the browser tests: signing in, opening a page once it is live, finding MudBlazor inputs.</summary>
internal static class PageSteps
{
    public const string AdminEmail = "ada@example.com";
    public const string Password = "correct horse battery staple";

    public static async Task SignInAsAdminAsync(IPage page)
    {
        await page.GotoAsync("/setup");
        if (await page.GetByText("Create the first administrator").CountAsync() > 0)
        {
            await page.FillAsync("#name", "Ada Lovelace");
            await page.FillAsync("#email", AdminEmail);
            await page.FillAsync("#password", Password);
            await page.FillAsync("#confirm", Password);
            await page.ClickAsync("button[type=submit]");
            await Expect(page.GetByTestId("signed-in-as")).ToBeVisibleAsync();
            return;
        }

        await SignInAsync(page, AdminEmail);
    }

    public static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.GetByTestId("signed-in-as")).ToBeVisibleAsync();
    }

    public static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitInteractiveAsync(page);
    }

    /// <summary>Clicks on prerendered HTML do nothing: wait until the Blazor circuit has taken the page over.</summary>
    public static Task WaitInteractiveAsync(IPage page) =>
        Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");

    public static ILocator Input(IPage page, string testId, string element = "input") =>
        page.Locator($"{element}[data-testid='{testId}'], [data-testid='{testId}'] {element}").First;

    public static async Task ReloadUntilAsync(IPage page, string testId, string text)
    {
        for (var i = 0; i < 30 && (await page.GetByTestId(testId).TextContentAsync())?.Trim() != text; i++)
        {
            await Task.Delay(500);
            await OpenAsync(page, new Uri(page.Url).PathAndQuery);
        }

        await Expect(page.GetByTestId(testId)).ToHaveTextAsync(text);
    }

    public static ILocatorAssertions Expect(ILocator locator) => Microsoft.Playwright.Assertions.Expect(locator);

    public static IPageAssertions Expect(IPage page) => Microsoft.Playwright.Assertions.Expect(page);

}
