using Microsoft.Playwright;

namespace IamOps.UiTests.Infrastructure;

/// <summary>One browser context (its own cookies) on the app: sign in, go to pages, take screenshots.</summary>
public sealed class UiSession : IAsyncDisposable
{
    public const string DemoPassword = IamOps.Server.Modules.DemoData.DemoDataSeeder.DemoPassword;

    private readonly IBrowserContext _context;

    private UiSession(IBrowserContext context, IPage page, string baseUrl)
    {
        _context = context;
        Page = page;
        BaseUrl = baseUrl;
    }

    public IPage Page { get; }

    public string BaseUrl { get; }

    public static async Task<UiSession> OpenAsync(BrowserFixture browser, UiApp app)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(45_000);
        var page = await context.NewPageAsync();
        return new UiSession(context, page, app.BaseUrl);
    }

    /// <summary>Signs in through the sign-in form (the one already shown, if any) and waits for the interactive layout.</summary>
    public async Task SignInAsync(string email, string password = DemoPassword)
    {
        if (!new Uri(Page.Url).AbsolutePath.Equals("/login", StringComparison.Ordinal))
        {
            await Page.GotoAsync("/login");
        }
        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByTestId("sign-in").ClickAsync();
        await Page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        await Assertions.Expect(Page.GetByTestId("whoami")).ToBeVisibleAsync();
    }

    /// <summary>Goes to a page of the app and waits until the interactive layout is there.</summary>
    public async Task GoToAsync(string path)
    {
        await Page.GotoAsync(path);
        await Assertions.Expect(Page.GetByTestId("whoami")).ToBeVisibleAsync();
    }

    /// <summary>Saves a screenshot as a test artifact: the whole page, or what the window shows (a dialog over the page).</summary>
    public async Task ScreenshotAsync(string name, bool fullPage = true)
    {
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        if (fullPage)
        {
            // From the top and with no hover: the fixed app bar and tooltips would otherwise land mid-page.
            await Page.Mouse.MoveAsync(0, 0);
            await Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        }
        await Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserFixture.ArtifactsDirectory, $"{name}.png"),
            FullPage = fullPage,
        });
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
