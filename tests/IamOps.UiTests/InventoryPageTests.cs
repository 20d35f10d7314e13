using System.Text.Json;
using IamOps.Server.Tests.Configuration;
using IamOps.UiTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace IamOps.UiTests;

public sealed class InventoryPageTests(BrowserFixture browser, UiApp app)
{
    [Fact]
    public async Task The_provider_takes_an_inventory_and_the_client_sees_the_server_and_downloads_it_as_CSV_and_JSON()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var exporter = await NodeExporter.StartAsync(ct);
        await using var sim = await KeycloakSimulator.KeycloakSimulator.StartWithMasterAsync(ct);
        var (cluster, _) = await app.AcmeClusterOnAsync(sim, exporter.Metrics);
        var kernel = (await File.ReadAllTextAsync("/proc/sys/kernel/osrelease", ct)).Trim();
        await using var provider = await UiSession.OpenAsync(browser, app);
        await provider.SignInAsync(DemoUsers.ProviderOperator);
        await provider.GoToAsync($"/clusters/{cluster}");
        await Expect(provider.Page.GetByTestId("cluster-inventory")).ToHaveAttributeAsync("href", $"/clusters/{cluster}/inventory");
        await provider.GoToAsync($"/clusters/{cluster}/inventory");
        await Expect(provider.Page.GetByTestId("no-inventory")).ToBeVisibleAsync();

        await provider.Page.GetByTestId("take-inventory").ClickAsync();

        await Expect(provider.Page.GetByTestId("inventory-server")).ToContainTextAsync(kernel);
        await Expect(provider.Page.GetByTestId("keycloak-version")).ToHaveTextAsync("21.0.1");
        await Expect(provider.Page.GetByTestId("inventory-row")).ToHaveCountAsync(1);
        await provider.ScreenshotAsync("inventory-provider");

        await using var client = await UiSession.OpenAsync(browser, app);
        await client.SignInAsync(DemoUsers.AcmeAdmin);
        await client.GoToAsync($"/clusters/{cluster}/inventory");
        await Expect(client.Page.GetByTestId("server-kernel")).ToContainTextAsync(kernel);
        await Expect(client.Page.GetByTestId("filesystem").Filter(new() { HasText = "/" }).First).ToBeVisibleAsync();
        await Expect(client.Page.GetByTestId("take-inventory")).ToHaveCountAsync(0);

        var csv = await client.Page.RunAndWaitForDownloadAsync(() => client.Page.GetByTestId("export-csv").ClickAsync());
        var lines = await File.ReadAllLinesAsync(await csv.PathAsync(), ct);
        var json = await client.Page.RunAndWaitForDownloadAsync(() => client.Page.GetByTestId("export-json").ClickAsync());
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(await json.PathAsync(), ct));

        Assert.EndsWith(".csv", csv.SuggestedFilename, StringComparison.Ordinal);
        Assert.Equal("section,item,key,value", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("server,", StringComparison.Ordinal) && l.Contains($"kernel,Linux {kernel}", StringComparison.Ordinal));
        Assert.Contains("keycloak,server,version,21.0.1", lines);
        Assert.Equal(kernel, report.RootElement.GetProperty("content").GetProperty("servers")[0].GetProperty("kernelRelease").GetString());
    }
}
