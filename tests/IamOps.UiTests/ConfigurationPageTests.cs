using System.Globalization;
using System.Text.RegularExpressions;
using IamOps.KeycloakSimulator;
using IamOps.Server.Modules.Clusters;
using IamOps.UiTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IamOps.UiTests;

public sealed class ConfigurationPageTests(BrowserFixture browser, UiApp app)
{
    [Fact]
    public async Task A_client_admin_reads_the_realm_score_accepts_a_risk_and_turns_a_finding_into_a_change_request()
    {
        var cluster = await ClusterIdAsync("acme-prod");
        await using var ui = await UiSession.OpenAsync(browser, app);
        await ui.SignInAsync(DemoUsers.AcmeAdmin);
        await ui.Page.GetByTestId("nav").GetByText("Configuration").ClickAsync();
        await Expect(ui.Page.GetByTestId("configuration-cluster").Filter(new() { HasText = "acme-prod" })).ToContainTextAsync("shop");
        await Expect(ui.Page.GetByTestId("configuration-clusters")).Not.ToContainTextAsync("globex");
        await ui.GoToAsync($"/clusters/{cluster}");
        await ui.Page.GetByTestId("cluster-configuration").ClickAsync();
        await ui.Page.WaitForURLAsync($"**/clusters/{cluster}/configuration");

        // The demo realm: 60 at v1, 70 once brute-force detection and login events were on, 62 after the token lifetime and a wildcard redirect drifted in.
        await Expect(ui.Page.GetByTestId("realm-shop")).ToBeVisibleAsync();
        await Expect(ui.Page.GetByTestId("score")).ToHaveTextAsync("62");
        await Expect(ui.Page.GetByTestId("trend-point")).ToHaveCountAsync(3);
        var trend = ui.Page.GetByTestId("trend-point");
        await Expect(trend.Nth(0).Locator("td")).ToContainTextAsync(["v3", "", "62"]);
        await Expect(trend.Nth(1).Locator("td")).ToContainTextAsync(["v2", "", "70"]);
        await Expect(trend.Nth(2).Locator("td")).ToContainTextAsync(["v1", "", "60"]);
        var token = Finding(ui, "KC-TOKEN-001");
        await Expect(token).ToContainTextAsync("Access tokens live longer than 30 minutes");
        await Expect(token.GetByTestId("finding-path")).ToHaveTextAsync("$.accessTokenLifespan");
        await Expect(token.GetByTestId("reference").First).ToHaveAttributeAsync("href", new Regex("^https://"));
        await Expect(ui.Page.GetByTestId("severity-group").First).ToContainTextAsync("medium");
        await Expect(ui.Page.GetByTestId("drift")).ToHaveCountAsync(2);
        await ui.ScreenshotAsync("configuration-client");

        var secret = Finding(ui, "KC-CLIENT-005");
        await secret.GetByTestId("accept-risk").ClickAsync();
        await ui.Page.Locator("#risk-reason").FillAsync("orders-api moves to signed JWT with the Q3 release");
        await ui.Page.Locator("#risk-expires").FillAsync(DateTime.UtcNow.AddDays(90).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await ui.Page.GetByTestId("risk-submit").ClickAsync();

        await Expect(secret.GetByTestId("accepted")).ToBeVisibleAsync();
        await Expect(ui.Page.GetByTestId("accepted-risks")).ToContainTextAsync("signed JWT with the Q3 release");
        await Expect(ui.Page.GetByTestId("accepted-risks")).ToContainTextAsync(DemoUsers.AcmeAdmin);
        await Expect(ui.Page.GetByTestId("score")).ToHaveTextAsync("63");

        await token.GetByTestId("propose-change").ClickAsync();

        await ui.Page.WaitForURLAsync(new Regex("/changes/[0-9a-f-]{36}$"));
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Fix KC-TOKEN-001: Access tokens live longer than 30 minutes" })).ToBeVisibleAsync();
        await Expect(ui.Page.GetByTestId("change-facts")).ToContainTextAsync("$.accessTokenLifespan");
        await ui.ScreenshotAsync("configuration-proposed-change");
    }

    [Fact]
    public async Task The_provider_may_not_accept_a_client_risk_takes_snapshots_and_sees_what_changed_between_two()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await KeycloakSimulator.KeycloakSimulator.StartWithMasterAsync(ct);
        var realm = sim.AddRealm(SimulatedRealm.FromExport(Path.Combine(KeycloakCaptures.Realms, "NovatecConsulting__YATT__realm.json")));
        realm.Realm["sslRequired"] = "external";
        var (cluster, _) = await app.AcmeClusterOnAsync(sim);
        await using var ui = await UiSession.OpenAsync(browser, app);
        await ui.SignInAsync(DemoUsers.ProviderOperator);

        await ui.GoToAsync($"/clusters/{await ClusterIdAsync("acme-prod")}/configuration");
        await Finding(ui, "KC-REALM-002").GetByTestId("accept-risk").ClickAsync();
        await ui.Page.Locator("#risk-reason").FillAsync("The provider cannot decide this for the client");
        await ui.Page.GetByTestId("risk-submit").ClickAsync();
        await Expect(ui.Page.GetByTestId("problem")).ToHaveAttributeAsync("data-status", "403");

        await ui.GoToAsync($"/clusters/{cluster}/configuration");
        await Expect(ui.Page.GetByTestId("no-realm")).ToBeVisibleAsync();
        await ui.Page.GetByTestId("take-snapshot").ClickAsync();
        await Expect(ui.Page.GetByTestId("realm-eventsourcing-with-axon")).ToBeVisibleAsync();
        await Expect(ui.Page.GetByTestId("score")).ToBeVisibleAsync();
        realm.Realm["sslRequired"] = "all";
        await ui.Page.GetByTestId("take-snapshot").ClickAsync();
        var second = ui.Page.GetByTestId("snapshot").Filter(new() { HasText = "eventsourcing-with-axon" }).Filter(new() { HasText = "v2" });
        await second.GetByTestId("diff-previous").ClickAsync();

        var diff = ui.Page.GetByTestId("diff");
        await Expect(diff).ToContainTextAsync("v1 → v2: 1 change");
        var entry = diff.GetByTestId("diff-entry");
        await Expect(entry).ToHaveCountAsync(1);
        await Expect(entry).ToContainTextAsync("$.sslRequired");
        await Expect(entry).ToContainTextAsync("Changed");
        await Expect(entry).ToContainTextAsync("\"external\"\"all\"");
        await Expect(ui.Page.GetByTestId("drift").Filter(new() { HasText = "eventsourcing-with-axon" })).ToContainTextAsync("~ $.sslRequired");
        await Expect(ui.Page.GetByTestId("trend-point")).ToHaveCountAsync(2);
        await ui.ScreenshotAsync("configuration-diff");
    }

    private static ILocator Finding(UiSession ui, string ruleId) => ui.Page.Locator($"[data-testid=finding][data-rule={ruleId}]");

    private Task<Guid> ClusterIdAsync(string name) =>
        app.AsSystemAsync(db => db.Set<Cluster>().Where(c => c.Name == name).Select(c => c.Id).SingleAsync());
}
