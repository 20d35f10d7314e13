using System.Globalization;
using IamOps.Core.AuditTrail;
using IamOps.Server.Modules.Organisations;
using IamOps.UiTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace IamOps.UiTests;

public sealed class AuditTrailPageTests(BrowserFixture browser, UiApp app)
{
    [Fact]
    public async Task Verify_chain_reports_an_intact_chain_and_the_export_link_downloads_a_verifiable_chain()
    {
        await using var ui = await UiSession.OpenAsync(browser, app);
        await ui.SignInAsync(DemoUsers.AcmeAdmin);
        await ui.GoToAsync("/audit-trail");
        var entries = await AcmeChainLengthAsync(app);
        // Newest first: the first row is the chain's last entry (the seeded organisation is far down since contracts carry their RACI rows).
        await Expect(ui.Page.GetByTestId("audit-table").Locator("tbody td[data-label='#']").First).ToHaveTextAsync(entries.ToString(CultureInfo.InvariantCulture));

        await ui.Page.GetByTestId("verify-chain").ClickAsync();

        await Expect(ui.Page.GetByTestId("verification")).ToContainTextAsync($"Chain intact: {entries} entries verified.");
        await ui.ScreenshotAsync("audit-trail");

        var download = await ui.Page.RunAndWaitForDownloadAsync(() => ui.Page.GetByTestId("export-jsonl").ClickAsync());
        var lines = (await File.ReadAllLinesAsync(await download.PathAsync(), TestContext.Current.CancellationToken))
            .Where(l => l.Length > 0).ToList();
        Assert.Equal(entries, lines.Count);
        Assert.True(AuditChain.Verify(lines).IsIntact);
        Assert.All(lines, l => Assert.DoesNotContain("globex", l, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Verify_chain_names_the_entry_that_was_altered_in_the_database()
    {
        await using var tampered = new UiApp();
        var acme = await AcmeIdAsync(tampered);
        await tampered.AsSystemAsync(async db =>
        {
            var entry = await db.AuditEntries.SingleAsync(a => a.ChainId == acme && a.Seq == 2);
            entry.Actor = "someone-else@example.com";
            return await db.SaveChangesAsync();
        });
        await using var ui = await UiSession.OpenAsync(browser, tampered);
        await ui.SignInAsync(DemoUsers.AcmeViewer);
        await ui.GoToAsync("/audit-trail");

        await ui.Page.GetByTestId("verify-chain").ClickAsync();

        await Expect(ui.Page.GetByTestId("verification")).ToContainTextAsync("Chain broken at entry 2");
        await ui.ScreenshotAsync("audit-trail-broken");
    }

    [Fact]
    public async Task The_provider_reads_and_verifies_a_client_chain()
    {
        await using var ui = await UiSession.OpenAsync(browser, app);
        await ui.SignInAsync(DemoUsers.ProviderAdmin);
        await ui.GoToAsync("/audit-trail");
        await ui.Page.GetByTestId("chain-select").ClickAsync();
        await ui.Page.Locator(".mud-popover-open").GetByText("Acme Retail").ClickAsync();
        await Expect(ui.Page.GetByTestId("audit-table")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("created|updated")); // newest entries first: which entity leads depends on the demo data

        await ui.Page.GetByTestId("verify-chain").ClickAsync();

        var entries = await AcmeChainLengthAsync(app);
        await Expect(ui.Page.GetByTestId("verification")).ToContainTextAsync($"Chain intact: {entries} entries verified.");
    }

    private static Task<Guid> AcmeIdAsync(UiApp app) =>
        app.AsSystemAsync(db => db.Set<Organisation>().Where(o => o.Slug == "acme").Select(o => o.Id).SingleAsync());

    private static async Task<int> AcmeChainLengthAsync(UiApp app)
    {
        var acme = await AcmeIdAsync(app);
        return await app.AsSystemAsync(db => db.AuditEntries.CountAsync(a => a.ChainId == acme));
    }
}
