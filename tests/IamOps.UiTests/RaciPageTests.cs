using IamOps.Server.Modules.Contracts;
using IamOps.Server.Modules.Raci;
using IamOps.UiTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IamOps.UiTests;

public sealed class RaciPageTests(BrowserFixture browser, UiApp app)
{
    private const string KeycloakConfiguration = "Use the administration console or the API to configure the Keycloak cluster.";
    private const string AuditActivated = "Ensure that the audit functionalities are activated";
    private const string AutomationScripts = "Provide the automation scripts or procedures, when possible, for the tasks associated with the change";

    [Fact]
    public async Task The_client_administrator_reads_its_own_matrix_with_the_cells_exactly_as_the_seed_writes_them()
    {
        var (acme, globex) = await ContractsAsync(app);
        await using var ui = await UiSession.OpenAsync(browser, app);
        await ui.SignInAsync(DemoUsers.AcmeAdmin);

        await ui.Page.GetByTestId("nav").GetByRole(AriaRole.Link, new() { Name = "RACI", Exact = true }).ClickAsync();

        await ui.Page.WaitForURLAsync($"**/contracts/{acme}/raci");
        var incident = Table(ui.Page, "INCIDENT MANAGEMENT");
        await Expect(incident.GetByTestId("raci-table-name")).ToHaveTextAsync("INCIDENT MANAGEMENT");
        await Expect(incident.GetByTestId("raci-provider-heading")).ToHaveTextAsync("CLOUD-IAM");
        await Expect(incident.GetByTestId("raci-client-heading")).ToHaveTextAsync("[CLIENT]");
        Assert.Equal("S", await CellAsync(ui.Page, KeycloakConfiguration, "provider-cell"));
        Assert.Equal("R, A", await CellAsync(ui.Page, KeycloakConfiguration, "client-cell"));
        Assert.Equal("R , A", await CellAsync(ui.Page, AuditActivated, "client-cell"));
        Assert.Equal("\u0399", await CellAsync(ui.Page, AutomationScripts, "provider-cell"));
        await Expect(Table(ui.Page, "PERFORMANCE MANAGEMENT").GetByTestId("raci-provider-heading")).ToHaveTextAsync("CLOUD-IAM SYSTEM");
        await Expect(ui.Page.GetByTestId("raci-legend")).ToContainTextAsync("Performs the task.");
        await Expect(ui.Page.GetByTestId("raci-legend")).ToContainTextAsync("Information only");
        await Expect(ui.Page.GetByTestId("raci-document")).ToContainTextAsync("other undefined interventions in this document will require a quote");
        await Expect(ui.Page.GetByTestId("raci-row")).ToHaveCountAsync(RaciCatalogue.Default.Count);
        await Expect(ui.Page.GetByTestId("edit-letters")).ToHaveCountAsync(0);
        await Expect(ui.Page.Locator("body")).Not.ToContainTextAsync("Globex");
        await ui.ScreenshotAsync("raci-matrix-client");

        await Row(ui.Page, KeycloakConfiguration).GetByTestId("explain").ClickAsync();

        var dialog = ui.Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByTestId("explanation")).ToContainTextAsync("you may perform it, approve its outcome");
        await Expect(dialog.GetByTestId("explain-you")).ToContainTextAsync("You act for the client, holding R, A");
        await ui.ScreenshotAsync("raci-explain", fullPage: false);
        await dialog.GetByTestId("close").ClickAsync();

        await ui.GoToAsync($"/contracts/{globex}/raci");
        await Expect(ui.Page.GetByTestId("not-found")).ToBeVisibleAsync();
        await Expect(ui.Page.GetByTestId("raci-row")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_provider_manager_changes_a_rows_letters_and_the_row_is_marked_as_edited_for_everyone()
    {
        await using var edited = new UiApp();
        var (acme, _) = await ContractsAsync(edited);
        await using var manager = await UiSession.OpenAsync(browser, edited);
        await manager.SignInAsync(DemoUsers.ProviderManager);
        await manager.GoToAsync("/raci");
        await Expect(manager.Page.GetByTestId("raci-contracts")).ToContainTextAsync("Globex Bank");
        await manager.ScreenshotAsync("raci-index-provider");
        await manager.Page.GetByTestId("raci-contracts").Locator(".mud-paper").Filter(new() { HasText = "Acme Retail" }).GetByTestId("open-raci").ClickAsync();
        await manager.Page.WaitForURLAsync($"**/contracts/{acme}/raci");
        var row = Row(manager.Page, "Define backup needs");
        await Expect(row.GetByTestId("edited")).ToHaveCountAsync(0);

        await row.GetByTestId("edit-letters").ClickAsync();
        var dialog = manager.Page.GetByRole(AriaRole.Dialog);
        await dialog.Locator("#raci-provider-letters").FillAsync("R");
        await dialog.GetByTestId("save-letters").ClickAsync();
        await Expect(dialog).ToContainTextAsync("Exactly one party must be R (responsible) on this row");
        await dialog.Locator("#raci-provider-letters").FillAsync("S, C");
        await dialog.GetByTestId("save-letters").ClickAsync();

        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(row.GetByTestId("edited")).ToBeVisibleAsync();
        Assert.Equal("S, C", await CellAsync(manager.Page, "Define backup needs", "provider-cell"));
        Assert.Equal("R", await CellAsync(manager.Page, "Define backup needs", "client-cell"));
        await Expect(manager.Page.GetByTestId("edited-count")).ToContainTextAsync("1 row edited");
        await manager.Page.Mouse.MoveAsync(0, 0);
        await row.ScrollIntoViewIfNeededAsync();
        await manager.ScreenshotAsync("raci-matrix-edited", fullPage: false);

        await using var operatorUi = await UiSession.OpenAsync(browser, edited);
        await operatorUi.SignInAsync(DemoUsers.ProviderOperator);
        await operatorUi.GoToAsync($"/contracts/{acme}/raci");
        await Expect(Row(operatorUi.Page, "Define backup needs").GetByTestId("edited")).ToBeVisibleAsync();
        await Expect(operatorUi.Page.GetByTestId("raci-row").First).ToBeVisibleAsync();
        await Expect(operatorUi.Page.GetByTestId("edit-letters")).ToHaveCountAsync(0);

        await using var client = await UiSession.OpenAsync(browser, edited);
        await client.SignInAsync(DemoUsers.AcmeContact);
        await client.GoToAsync($"/contracts/{acme}/raci");
        Assert.Equal("S, C", await CellAsync(client.Page, "Define backup needs", "provider-cell"));
        await Expect(client.Page.GetByTestId("edit-letters")).ToHaveCountAsync(0);
    }

    private static ILocator Table(IPage page, string name) => page.Locator($"[data-testid=raci-table][data-table='{name}']");

    private static ILocator Row(IPage page, string text) =>
        page.GetByTestId("raci-row").Filter(new() { Has = page.Locator("td.raci-text", new() { HasTextString = text }) });

    // The exact text of the cell (no whitespace normalisation: "R , A" must not read as "R, A").
    private static async Task<string?> CellAsync(IPage page, string rowText, string cell)
    {
        var locator = Row(page, rowText).GetByTestId(cell);
        await Expect(locator).ToBeVisibleAsync();
        return await locator.TextContentAsync();
    }

    private static Task<(Guid Acme, Guid Globex)> ContractsAsync(UiApp app) => app.AsSystemAsync(async db => (
        await db.Set<Contract>().Where(c => c.Name == "Acme Retail managed Keycloak").Select(c => c.Id).SingleAsync(),
        await db.Set<Contract>().Where(c => c.Name == "Globex Bank managed Keycloak").Select(c => c.Id).SingleAsync()));
}
