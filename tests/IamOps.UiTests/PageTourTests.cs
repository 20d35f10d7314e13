using IamOps.Server.Modules.Clusters;
using IamOps.Server.Modules.Contracts;
using IamOps.UiTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IamOps.UiTests;

/// <summary>Walks every main page, checks what it shows and saves a screenshot of each.</summary>
public sealed class PageTourTests(BrowserFixture browser, UiApp app)
{
    [Fact]
    public async Task Every_main_page_shows_the_client_administrator_its_own_data()
    {
        var (cluster, contract) = await app.AsSystemAsync(async db => (
            await db.Set<Cluster>().Where(c => c.Name == "acme-prod").Select(c => c.Id).SingleAsync(),
            await db.Set<Contract>().Where(c => c.Name == "Acme Retail managed Keycloak").Select(c => c.Id).SingleAsync()));
        await using var ui = await UiSession.OpenAsync(browser, app);
        await ui.SignInAsync(DemoUsers.AcmeAdmin);

        await ui.GoToAsync("/clusters");
        await Expect(ui.Page.GetByTestId("cluster-table")).ToContainTextAsync("acme-staging");
        await Expect(ui.Page.GetByTestId("client-filter")).ToHaveCountAsync(0);
        await ui.ScreenshotAsync("clusters-client");

        await ui.GoToAsync($"/clusters/{cluster}");
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "acme-prod" })).ToBeVisibleAsync();
        await Expect(ui.Page.GetByTestId("node-table")).ToContainTextAsync("kc-acme-2.internal");
        await Expect(ui.Page.GetByTestId("cluster-facts")).ToContainTextAsync("pg-acme-prod.internal:5432");
        await ui.ScreenshotAsync("cluster-detail");

        await ui.GoToAsync("/contracts");
        await ui.Page.GetByRole(AriaRole.Link, new() { Name = "Acme Retail managed Keycloak" }).ClickAsync();
        await ui.Page.WaitForURLAsync($"**/contracts/{contract}");
        var sla = ui.Page.GetByTestId("sla-table");
        await Expect(sla.GetByRole(AriaRole.Row).Filter(new() { HasText = "P1" })).ToContainTextAsync("30 min");
        await Expect(sla.GetByRole(AriaRole.Row).Filter(new() { HasText = "P1" })).ToContainTextAsync("24/7");
        await Expect(sla.GetByRole(AriaRole.Row).Filter(new() { HasText = "P3" })).ToContainTextAsync("Business hours");
        await Expect(ui.Page.GetByTestId("calendar")).ToContainTextAsync("Monday to Friday");
        await Expect(ui.Page.GetByTestId("calendar")).ToContainTextAsync("08:00 – 18:00");
        await Expect(ui.Page.GetByTestId("maintenance-table")).ToContainTextAsync("Every Tuesday");
        await Expect(ui.Page.GetByTestId("maintenance-table")).ToContainTextAsync("4 h");
        await ui.ScreenshotAsync("contract-detail");

        await ui.GoToAsync("/organisation");
        await Expect(ui.Page.GetByTestId("organisation-table")).ToContainTextAsync("Acme Retail");
        await Expect(ui.Page.GetByTestId("organisation-table")).Not.ToContainTextAsync("Cloud-IAM");
        await Expect(ui.Page.GetByTestId("user-table")).ToContainTextAsync("viewer@acme.example");
        await ui.ScreenshotAsync("organisation-client");
    }

    [Fact]
    public async Task The_provider_administrator_sees_every_organisation_and_its_users()
    {
        await using var ui = await UiSession.OpenAsync(browser, app);
        await ui.SignInAsync(DemoUsers.ProviderAdmin);
        await Expect(ui.Page.GetByTestId("nav")).ToContainTextAsync("Organisation");

        await ui.GoToAsync("/organisation");
        var organisations = ui.Page.GetByTestId("organisation-table");
        await Expect(organisations).ToContainTextAsync("Cloud-IAM");
        await Expect(organisations).ToContainTextAsync("Acme Retail");
        await Expect(ui.Page.GetByTestId("user-table")).ToContainTextAsync("operator@cloud-iam.example");

        await organisations.GetByRole(AriaRole.Row).Filter(new() { HasText = "Globex Bank" }).ClickAsync();

        await Expect(ui.Page.GetByTestId("user-table")).ToContainTextAsync("admin@globex.example");
        await Expect(ui.Page.GetByTestId("user-table")).Not.ToContainTextAsync("operator@cloud-iam.example");
        await ui.ScreenshotAsync("organisation-provider");

        await ui.GoToAsync("/contracts");
        await Expect(ui.Page.GetByTestId("contract-table")).ToContainTextAsync("Globex Bank managed Keycloak");
        await Expect(ui.Page.GetByTestId("contract-table")).ToContainTextAsync("Acme Retail managed Keycloak");
        await ui.ScreenshotAsync("contracts-provider");
    }

    [Fact]
    public async Task A_role_without_access_is_told_so_instead_of_seeing_the_page()
    {
        await using var ui = await UiSession.OpenAsync(browser, app);
        await ui.SignInAsync(DemoUsers.AcmeViewer);
        await Expect(ui.Page.GetByTestId("nav")).Not.ToContainTextAsync("Organisation");

        await ui.Page.GotoAsync("/organisation");

        await Expect(ui.Page.GetByTestId("signed-in-as")).ToContainTextAsync(DemoUsers.AcmeViewer);
        await Expect(ui.Page.GetByTestId("user-table")).ToHaveCountAsync(0);
    }
}
