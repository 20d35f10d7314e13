using IamOps.Server.Data;
using IamOps.Server.Modules.Clusters;
using IamOps.Server.Modules.Incidents;
using IamOps.Server.Modules.Platform;
using IamOps.UiTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IamOps.UiTests;

public sealed class IncidentFlowTests(BrowserFixture browser, UiApp app)
{
    [Fact]
    public async Task Provider_staff_acknowledge_and_resolve_an_incident_from_its_page_and_the_client_sees_the_timeline()
    {
        var title = $"Token endpoint errors {Guid.NewGuid().ToString("N")[..6]}";
        await OpenForAcmeAsync(title);
        await using var provider = await UiSession.OpenAsync(browser, app);
        await using var client = await UiSession.OpenAsync(browser, app);
        await provider.SignInAsync(DemoUsers.ProviderOperator);
        await client.SignInAsync(DemoUsers.AcmeContact);

        await provider.GoToAsync("/incidents");
        var row = provider.Page.GetByTestId("incident-table").GetByRole(AriaRole.Row).Filter(new() { HasText = title });
        await Expect(row).ToContainTextAsync("Acme Retail");
        await Expect(row).ToContainTextAsync("new");
        await row.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await provider.Page.WaitForURLAsync("**/incidents/*");
        var detailUrl = new Uri(provider.Page.Url).AbsolutePath;
        await Expect(provider.Page.GetByTestId("incident-status")).ToHaveTextAsync("new");
        await Expect(provider.Page.GetByTestId("action-resolve")).ToHaveCountAsync(0);

        await provider.Page.GetByTestId("action-acknowledge").ClickAsync();
        await Expect(provider.Page.GetByTestId("incident-status")).ToHaveTextAsync("acknowledged");
        await Expect(provider.Page.GetByTestId("owner")).ToHaveTextAsync(DemoUsers.ProviderOperator);
        await Expect(provider.Page.GetByTestId("response-clock").GetByTestId("sla-clock")).ToHaveAttributeAsync("data-state", "stopped");
        await provider.Page.Locator("#note-text").FillAsync("Rolled back the token mapper.");
        await provider.Page.GetByTestId("add-note").ClickAsync();
        await Expect(provider.Page.GetByTestId("timeline-entry").Filter(new() { HasText = "Rolled back the token mapper." })).ToHaveCountAsync(1);
        await provider.Page.GetByTestId("action-resolve").ClickAsync();
        await Expect(provider.Page.GetByTestId("incident-status")).ToHaveTextAsync("resolved");
        await Expect(provider.Page.GetByTestId("resolution-clock").GetByTestId("sla-clock")).ToHaveAttributeAsync("data-state", "stopped");
        await provider.ScreenshotAsync("incident-resolved");

        await client.GoToAsync(detailUrl);
        await Expect(client.Page.GetByTestId("incident-status")).ToHaveTextAsync("resolved");
        await Expect(client.Page.GetByTestId("incident-actions")).ToHaveCountAsync(0);
        // Escalation steps are left out: another test of this shared app may create a P2 policy whose first step fires at once.
        var entries = client.Page.Locator("[data-testid=timeline-entry]:not([data-kind=escalated])");
        await Expect(entries).ToHaveCountAsync(4); // opened, acknowledged, note, resolved
        await Expect(entries.Nth(3)).ToContainTextAsync("acknowledged → resolved");
    }

    private async Task OpenForAcmeAsync(string title)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        var db = scope.ServiceProvider.GetRequiredService<IamOpsDb>();
        var cluster = await db.Set<Cluster>().SingleAsync(c => c.Name == "acme-prod");
        await scope.ServiceProvider.GetRequiredService<IIncidentOpener>().OpenAsync(new OpenIncident(cluster.ClientOrganisationId, title,
            "Clients get 500 from /token.", IncidentSeverity.P2, IncidentSource.AlertGroup, [cluster.Id]), TestContext.Current.CancellationToken);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}
