using Campaigns.Testing;
using Microsoft.Playwright;

namespace Campaigns.EndToEnd.Tests;

/// <summary>
/// One web app, one SMTP server and one Chromium for the test class: starting them is most of the cost. The
/// app sends to the SMTP server over STARTTLS with AUTH; the server keeps each message as a file.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string SmtpUser = "campaigns";
    public const string SmtpPassword = "smtp-secret-123";

    public WebAppProcess App { get; private set; } = default!;

    public TlsAuthSmtpServer Smtp { get; private set; } = default!;

    public IPlaywright Playwright { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        Smtp = await TlsAuthSmtpServer.StartAsync(implicitTls: false, SmtpUser, SmtpPassword);
        App = await WebAppProcess.StartAsync(new Dictionary<string, string>
        {
            ["Campaigns__Smtp__Servers__0__Name"] = "local",
            ["Campaigns__Smtp__Servers__0__Host"] = "127.0.0.1",
            ["Campaigns__Smtp__Servers__0__Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Campaigns__Smtp__Servers__0__Security"] = "StartTls",
            ["Campaigns__Smtp__Servers__0__Username"] = SmtpUser,
            ["Campaigns__Smtp__Servers__0__Password"] = SmtpPassword,
            ["Campaigns__Smtp__Servers__0__AcceptAnyCertificate"] = "true",
        });
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        // The machine is shared: give every expectation the same patience as the actions.
        Assertions.SetDefaultExpectTimeout(20_000);
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        Playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        Smtp?.Dispose();
    }

    /// <summary>A fresh browser context (its own cookies) whose pages fail the test on any JavaScript dialog: an alert() means injected script ran.</summary>
    public async Task<IPage> NewPageAsync(List<string> dialogs)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseUrl, ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        return page;
    }

    /// <summary>Saves a screenshot to docs/screenshots when CAMPAIGNS_SCREENSHOTS=1 (for the README), else to the temp folder.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("CAMPAIGNS_SCREENSHOTS") == "1"
            ? Path.Combine(Repository.Root, "docs", "screenshots")
            : Path.Combine(Path.GetTempPath(), "campaigns-e2e-screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
