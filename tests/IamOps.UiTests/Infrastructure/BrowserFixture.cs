using Microsoft.Playwright;

namespace IamOps.UiTests.Infrastructure;

/// <summary>One headless Debian Chromium for the whole run, driven by Playwright; never a downloaded browser.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>Where screenshots go: <c>$IAMOPS_TEST_ARTIFACTS</c>, else <c>artifacts/test</c> under the repository.</summary>
    public static string ArtifactsDirectory { get; } = ResolveArtifacts();

    public async ValueTask InitializeAsync()
    {
        // The suite shares two cores with the server and the other test assemblies: allow for slow circuits.
        Assertions.SetDefaultExpectTimeout(45_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("IAMOPS_TEST_CHROMIUM") ?? "/usr/bin/chromium",
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }

    private static string ResolveArtifacts()
    {
        var configured = Environment.GetEnvironmentVariable("IAMOPS_TEST_ARTIFACTS");
        var directory = !string.IsNullOrWhiteSpace(configured) ? configured : Path.Combine(RepositoryRoot(), "artifacts", "test");
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IamOps.slnx")))
            {
                return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
