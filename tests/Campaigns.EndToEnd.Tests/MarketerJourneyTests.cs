using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using static Campaigns.EndToEnd.Tests.PageSteps;

namespace Campaigns.EndToEnd.Tests;

/// <summary>
/// A marketer's first hour in a real browser, against the real app and a real SMTP server: set up, import,
/// write, preview and send a campaign, watch it go out, follow the tracked link and unsubscribe from the
/// received message, and see both in the report. Hostile subscriber names never run as script.
/// </summary>
public sealed partial class MarketerJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string AdminEmail = PageSteps.AdminEmail;
    private const string Password = PageSteps.Password;
    private const string ScriptName = "<script>alert(1)</script>";
    private const string ImgName = "\"><img src=x onerror=alert(1)>";
    private const string BadEmail = "<img src=x onerror=alert(2)>";

    private readonly List<string> _dialogs = [];

    [Fact]
    public async Task From_first_start_to_a_sent_campaign_with_its_click_and_unsubscribe_in_the_report()
    {
        var page = await fixture.NewPageAsync(_dialogs);
        try
        {
            await RunJourneyAsync(page);
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
        {
            await BrowserFixture.ScreenshotAsync(page, "failure-journey");
            throw new InvalidOperationException($"{e.Message}\nat {page.Url}\n--- app log ---\n{fixture.App.Log}", e);
        }
    }

    private async Task RunJourneyAsync(IPage page)
    {
        // First start: every page leads to the one-time set-up.
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/setup$"));
        await BrowserFixture.ScreenshotAsync(page, "setup");
        await page.FillAsync("#name", "Ada Lovelace");
        await page.FillAsync("#email", AdminEmail);
        await page.FillAsync("#password", Password);
        await page.FillAsync("#confirm", Password);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.GetByTestId("signed-in-as")).ToContainTextAsync("Ada Lovelace");

        // A list, then a CSV into it, with hostile names and a bad row.
        await OpenAsync(page, "/lists");
        await Input(page, "list-name").FillAsync("Newsletter");
        await page.GetByTestId("create-list").ClickAsync();
        await Expect(page.Locator("table")).ToContainTextAsync("Newsletter");
        await page.Locator("table").GetByRole(AriaRole.Link, new() { Name = "Import" }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/import\\?list=\\d+$"));
        await WaitInteractiveAsync(page);
        var csv = Path.Combine(Path.GetTempPath(), $"e2e-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, $"Email Address,First Name,city\nann@example.com,{Csv(ScriptName)},Oslo\nbob@example.com,{Csv(ImgName)},Rome\ncy@example.net,Cy,Paris\n{Csv(BadEmail)},Bad,Nowhere\n");
        await page.GetByTestId("import-file").SetInputFilesAsync(csv);
        await Expect(page.GetByTestId("start-import")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "import-preview");
        await page.GetByTestId("start-import").ClickAsync();
        await Expect(page.GetByTestId("import-done")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("import-added")).ToHaveTextAsync("3");
        await Expect(page.GetByTestId("import-skipped")).ToHaveTextAsync("1");
        await Expect(page.GetByText(BadEmail, new() { Exact = true })).ToBeVisibleAsync(); // the bad row's email, as text
        await BrowserFixture.ScreenshotAsync(page, "import-report");

        // Hostile names are text on the subscribers page and on a subscriber's own page.
        await OpenAsync(page, "/subscribers");
        await Expect(page.GetByTestId("subscriber-total")).ToContainTextAsync("3 subscribers");
        await Expect(page.GetByText(ScriptName, new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText(ImgName, new() { Exact = true })).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("img[src=x]").CountAsync());
        await BrowserFixture.ScreenshotAsync(page, "subscribers");
        await Input(page, "subscriber-search").FillAsync("bob@");
        await Expect(page.GetByTestId("subscriber-total")).ToContainTextAsync("1 subscribers");
        await Expect(page).ToHaveURLAsync(new Regex("q=bob%40"));
        await page.GetByRole(AriaRole.Link, new() { Name = "bob@example.com" }).ClickAsync();
        await Expect(page.GetByTestId("subscriber-name")).ToHaveTextAsync(ImgName);
        Assert.Equal(0, await page.Locator("img[src=x]").CountAsync());

        // A template whose script must never run in the admin's session: the preview is a sandboxed iframe.
        await OpenAsync(page, "/templates/new");
        await Input(page, "template-name").FillAsync("Basic");
        var body = Input(page, "template-body", "textarea");
        await body.FillAsync((await body.InputValueAsync()).Replace("<body>", "<body><script>alert('template')</script>", StringComparison.Ordinal));
        await Expect(page.GetByTestId("preview-desktop")).ToHaveAttributeAsync("sandbox", "");
        await Expect(page.GetByTestId("preview-desktop")).ToHaveAttributeAsync("srcdoc", new Regex("alert\\('template'\\)"));
        await page.GetByTestId("save-template").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/templates/\\d+$"));
        await BrowserFixture.ScreenshotAsync(page, "template-editor");

        // Compose, preview and send.
        await OpenAsync(page, "/campaigns/new");
        await Input(page, "campaign-name").FillAsync("November news");
        await Input(page, "campaign-subject").FillAsync("News for {{ subscriber.attributes.city }}");
        await page.GetByTestId("campaign-lists").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Newsletter" }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByTestId("audience-size")).ToContainTextAsync("Audience now: 3 recipients");
        // The article link points at a page of the app itself (its public sign-up form): this machine has no internet.
        var article = fixture.App.BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal) + "/subscribe";
        var campaignBody = Input(page, "campaign-body", "textarea");
        await Expect(page.GetByTestId("preview-subject")).ToHaveTextAsync("News for Oslo");
        // The preview showing the body proves it reached the page's state, ready to save. On a cold, loaded machine
        // an input can land while the circuit is still re-rendering: then it is typed again, as a person would.
        for (var attempt = 1; ; attempt++)
        {
            await campaignBody.FillAsync($"<p>Hello {{{{ subscriber.name }}}}</p><p><a href=\"{article}\">Tell a friend</a></p>");
            await campaignBody.PressAsync("Tab");
            try
            {
                await Expect(page.GetByTestId("preview-desktop")).ToHaveAttributeAsync("srcdoc", new Regex("Tell a friend"), new() { Timeout = 10_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
        await BrowserFixture.ScreenshotAsync(page, "campaign-compose");
        await page.GetByTestId("save-campaign").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/campaigns/\\d+$"));
        var campaignId = long.Parse(CampaignId().Match(page.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await WaitInteractiveAsync(page);
        await page.GetByTestId("start-campaign").ClickAsync();
        await Expect(page.GetByTestId("progress-sent")).ToHaveTextAsync("3", new() { Timeout = 60_000 });
        await BrowserFixture.ScreenshotAsync(page, "campaign-progress");

        // The message as received by the SMTP server: follow its tracked link, then unsubscribe through it.
        var message = await ReceivedAsync("ann@example.com");
        Assert.Equal("News for Oslo", message.Subject);
        var html = message.HtmlBody!;
        var click = TrackedLink().Matches(html).Select(m => m.Value).First(u => u.Contains("/c/", StringComparison.Ordinal));
        var unsubscribe = TrackedLink().Matches(html).Select(m => m.Value).First(u => u.Contains("/u/", StringComparison.Ordinal));
        await page.GotoAsync(click);
        await Expect(page).ToHaveURLAsync(article);
        await page.GotoAsync(unsubscribe);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("body")).ToContainTextAsync("You are unsubscribed from Newsletter");

        // The report shows the click and the unsubscribe (events are written in batches: reload until they land).
        await OpenAsync(page, $"/reports/{campaignId}");
        await ReloadUntilAsync(page, "report-clicks", "1");
        await ReloadUntilAsync(page, "report-unsubscribes", "1");
        await Expect(page.GetByTestId("report-delivered")).ToHaveTextAsync("3");
        await Expect(page.GetByTestId("link-unique").First).ToHaveTextAsync("1");
        await BrowserFixture.ScreenshotAsync(page, "report");

        await OpenAsync(page, "/");
        await BrowserFixture.ScreenshotAsync(page, "dashboard");
        Assert.Empty(_dialogs);
    }

    private async Task<MimeMessage> ReceivedAsync(string to)
    {
        for (var i = 0; i < 100; i++)
        {
            foreach (var file in Directory.GetFiles(fixture.Smtp.MailDirectory))
            {
                var message = await MimeMessage.LoadAsync(file);
                if (message.To.Mailboxes.Any(m => string.Equals(m.Address, to, StringComparison.OrdinalIgnoreCase)))
                {
                    return message;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No message to {to} reached the SMTP server.");
    }

    private static string Csv(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex("http://127\\.0\\.0\\.1:\\d+/[cu]/[A-Za-z0-9_-]+")]
    private static partial Regex TrackedLink();

    [GeneratedRegex("/campaigns/(\\d+)$")]
    private static partial Regex CampaignId();
}
