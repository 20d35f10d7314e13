using System.Text.RegularExpressions;
using IamOps.Server.Modules.Clusters;
using IamOps.UiTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IamOps.UiTests;

public sealed class SignInTests(BrowserFixture browser, UiApp app)
{
    [Fact]
    public async Task A_wrong_password_keeps_the_user_on_the_sign_in_page_with_a_clear_message()
    {
        await using var ui = await UiSession.OpenAsync(browser, app);
        await ui.Page.GotoAsync("/login");
        await ui.ScreenshotAsync("login");

        await ui.Page.GetByLabel("Email").FillAsync(DemoUsers.AcmeAdmin);
        await ui.Page.GetByLabel("Password").FillAsync("not-the-password-2026");
        await ui.Page.GetByTestId("sign-in").ClickAsync();

        await Expect(ui.Page.GetByTestId("login-error")).ToHaveTextAsync("The email or password is wrong.");
        Assert.Contains("/login?error=invalid", ui.Page.Url, StringComparison.Ordinal);
        await Expect(ui.Page.GetByTestId("whoami")).ToHaveCountAsync(0);
        await ui.ScreenshotAsync("login-wrong-password");
    }

    [Fact]
    public async Task The_provider_operator_sees_the_clusters_of_every_client_on_the_dashboard()
    {
        // Other UI tests add clusters of their own to the shared app: the count shown lies between those before and after loading.
        var before = await app.AsSystemAsync(db => db.Set<Cluster>().CountAsync());
        await using var ui = await UiSession.OpenAsync(browser, app);
        await ui.SignInAsync(DemoUsers.ProviderOperator);

        var table = ui.Page.GetByTestId("cluster-table");
        foreach (var cluster in new[] { "acme-prod", "acme-staging", "globex-prod", "globex-dev" })
        {
            await Expect(table.GetByRole(AriaRole.Link, new() { Name = cluster, Exact = true })).ToBeVisibleAsync();
        }
        await Expect(table).ToContainTextAsync("Acme Retail");
        await Expect(table).ToContainTextAsync("Globex Bank");
        await Expect(ui.Page.GetByTestId("organisation")).ToHaveTextAsync("Cloud-IAM");
        await Expect(ui.Page.GetByTestId("role")).ToHaveTextAsync("provider · operator");
        await Expect(ui.Page.GetByTestId("stat-clusters")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\d+"));
        var shown = int.Parse(System.Text.RegularExpressions.Regex.Match(await ui.Page.GetByTestId("stat-clusters").InnerTextAsync(), @"\d+").Value,
            System.Globalization.CultureInfo.InvariantCulture);
        var after = await app.AsSystemAsync(db => db.Set<Cluster>().CountAsync());
        Assert.InRange(shown, Math.Max(4, before), after);
        await ui.ScreenshotAsync("dashboard-provider");
    }

    [Fact]
    public async Task The_provider_filters_the_cluster_list_by_client()
    {
        await using var ui = await UiSession.OpenAsync(browser, app);
        await ui.SignInAsync(DemoUsers.ProviderOperator);
        await ui.GoToAsync("/clusters");
        var table = ui.Page.GetByTestId("cluster-table");
        await Expect(table.GetByText("acme-prod")).ToBeVisibleAsync();

        await ui.Page.GetByTestId("client-filter").ClickAsync();
        await ui.Page.Locator(".mud-popover-open").GetByText("Globex Bank").ClickAsync();

        await Expect(table.GetByText("acme-prod")).ToHaveCountAsync(0);
        await Expect(table.GetByText("globex-prod")).ToBeVisibleAsync();
        await Expect(table.GetByText("globex-dev")).ToBeVisibleAsync();
        await ui.ScreenshotAsync("clusters-provider-filtered");
    }

    [Fact]
    public async Task The_acme_viewer_sees_only_acme_clusters_and_never_anything_of_globex()
    {
        var globexCluster = await app.AsSystemAsync(db => db.Set<Cluster>().Where(c => c.Name == "globex-prod").Select(c => c.Id).SingleAsync());
        await using var ui = await UiSession.OpenAsync(browser, app);
        await ui.SignInAsync(DemoUsers.AcmeViewer);

        var table = ui.Page.GetByTestId("cluster-table");
        await Expect(table.GetByText("acme-prod")).ToBeVisibleAsync();
        await Expect(table.GetByText("acme-staging")).ToBeVisibleAsync();
        await Expect(ui.Page.GetByTestId("recent-activity")).ToContainTextAsync("created");
        await Expect(ui.Page.GetByTestId("organisation")).ToHaveTextAsync("Acme Retail");
        await Expect(ui.Page.GetByTestId("nav")).Not.ToContainTextAsync("Organisation");
        await AssertNoGlobexAsync(ui);
        await ui.ScreenshotAsync("dashboard-client");

        await ui.GoToAsync("/clusters");
        await Expect(table.GetByText("acme-prod")).ToBeVisibleAsync();
        await AssertNoGlobexAsync(ui);

        await ui.GoToAsync("/audit-trail");
        await Expect(ui.Page.GetByTestId("audit-table")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("created|updated")); // newest entries first: which entity leads depends on the demo data
        await AssertNoGlobexAsync(ui);

        await ui.GoToAsync("/contracts");
        await Expect(ui.Page.GetByTestId("contract-table")).ToContainTextAsync("Acme Retail managed Keycloak");
        await AssertNoGlobexAsync(ui);

        await ui.GoToAsync($"/clusters/{globexCluster}");
        await Expect(ui.Page.GetByTestId("not-found")).ToBeVisibleAsync();
        await AssertNoGlobexAsync(ui);
    }

    [Fact]
    public async Task A_visitor_is_sent_to_sign_in_and_back_to_the_page_asked_for()
    {
        await using var ui = await UiSession.OpenAsync(browser, app);
        await ui.Page.GotoAsync("/contracts");
        Assert.Contains("/login", ui.Page.Url, StringComparison.Ordinal);

        await ui.SignInAsync(DemoUsers.AcmeContact);

        Assert.EndsWith("/contracts", ui.Page.Url, StringComparison.Ordinal);
        await Expect(ui.Page.GetByTestId("contract-table")).ToContainTextAsync("Acme Retail managed Keycloak");
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        await using var ui = await UiSession.OpenAsync(browser, app);
        await ui.SignInAsync(DemoUsers.GlobexViewer);

        await Expect(ui.Page.Locator("form[action='/account/logout'] input[name='__RequestVerificationToken']"))
            .ToHaveAttributeAsync("value", new Regex(".{20,}"));
        await ui.Page.GetByTestId("sign-out").ClickAsync();
        await ui.Page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
        await ui.Page.GotoAsync("/");

        Assert.Contains("/login", ui.Page.Url, StringComparison.Ordinal);
        await Expect(ui.Page.GetByTestId("login-form")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_sso_area_sends_the_user_to_the_organisations_sign_in_and_explains_when_it_is_unavailable()
    {
        await using var ui = await UiSession.OpenAsync(browser, app);
        await ui.Page.GotoAsync("/login?returnUrl=%2Fclusters");
        await ui.Page.GetByLabel("Organisation").FillAsync("acme");

        var request = await ui.Page.RunAndWaitForRequestAsync(
            () => ui.Page.GetByTestId("sso-continue").ClickAsync(),
            r => r.Url.Contains("/account/sso/", StringComparison.Ordinal));

        // The demo organisations have no SSO configured: the SSO endpoint sends the user back with a reason.
        Assert.EndsWith("/account/sso/acme?returnUrl=%2Fclusters", request.Url, StringComparison.Ordinal);
        await ui.Page.WaitForURLAsync(url => url.Contains("/login?error=sso", StringComparison.Ordinal));
        await Expect(ui.Page.GetByTestId("login-error")).ToContainTextAsync("Single sign-on is not available for this organisation");
    }

    private static async Task AssertNoGlobexAsync(UiSession ui)
    {
        var html = await ui.Page.ContentAsync();
        Assert.DoesNotContain("globex", html, StringComparison.OrdinalIgnoreCase);
    }
}
