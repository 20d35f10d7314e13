using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IamOps.UiTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IamOps.UiTests;

public sealed class TokensPageTests(BrowserFixture browser, UiApp app)
{
    [Fact]
    public async Task A_created_token_is_shown_once_works_against_the_api_and_stops_working_once_revoked()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var ui = await UiSession.OpenAsync(browser, app);
        await ui.SignInAsync(DemoUsers.AcmeContact);
        await ui.GoToAsync("/tokens");

        await ui.Page.Locator("#token-name").FillAsync("ci-pipeline");
        await ui.Page.Locator("#token-days").FillAsync("30");
        await ui.Page.GetByTestId("create-token").ClickAsync();

        var shown = ui.Page.GetByTestId("new-token-value");
        await Expect(shown).ToContainTextAsync("iamops_pat_");
        var token = (await shown.InnerTextAsync()).Trim();
        var row = ui.Page.GetByTestId("token-table").GetByRole(AriaRole.Row).Filter(new() { HasText = "ci-pipeline" });
        await Expect(row.GetByTestId("token-status")).ToHaveTextAsync("active");
        await ui.ScreenshotAsync("tokens");

        using var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var me = await api.GetFromJsonAsync<JsonElement>("/api/v1/me", ct);
        Assert.Equal(DemoUsers.AcmeContact, me.GetProperty("email").GetString());

        await ui.GoToAsync("/tokens");
        await Expect(row).ToBeVisibleAsync();
        await Expect(ui.Page.GetByTestId("new-token-value")).ToHaveCountAsync(0);
        Assert.DoesNotContain(token, await ui.Page.ContentAsync(), StringComparison.Ordinal);

        await row.GetByTestId("revoke-token").ClickAsync();
        await ui.Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();

        await Expect(row.GetByTestId("token-status")).ToHaveTextAsync("revoked");
        var afterRevoke = await api.GetAsync("/api/v1/me", ct);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
    }

    [Fact]
    public async Task A_token_without_a_name_is_refused_with_a_message_on_the_field()
    {
        await using var ui = await UiSession.OpenAsync(browser, app);
        await ui.SignInAsync(DemoUsers.AcmeViewer);
        await ui.GoToAsync("/tokens");
        await Expect(ui.Page.GetByTestId("token-table")).ToBeVisibleAsync();

        await ui.Page.GetByTestId("create-token").ClickAsync();

        await Expect(ui.Page.Locator(".mud-input-helper-text.mud-input-error")).ToContainTextAsync("The Name field is required.");
        await Expect(ui.Page.GetByTestId("new-token")).ToHaveCountAsync(0);
    }
}
