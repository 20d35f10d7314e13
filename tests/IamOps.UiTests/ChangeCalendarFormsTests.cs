using IamOps.UiTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace IamOps.UiTests;

public sealed class ChangeCalendarFormsTests(BrowserFixture browser, UiApp app)
{
    [Fact]
    public async Task A_freeze_and_a_window_in_the_spring_forward_gap_are_added_shown_and_the_freeze_deleted()
    {
        await using var ui = await UiSession.OpenAsync(browser, app);
        await ui.SignInAsync(DemoUsers.ProviderManager);
        await ui.GoToAsync("/changes/calendar");

        await ui.Page.GetByTestId("freeze-client").ClickAsync();
        await ui.Page.Locator(".mud-popover-open").GetByText("Acme Retail").ClickAsync();
        await ui.Page.Locator("#freeze-name").FillAsync("Spring sales");
        await ui.Page.Locator("#freeze-start").FillAsync("2027-03-10 08:00");
        await ui.Page.Locator("#freeze-end").FillAsync("2027-03-11 18:00");
        await ui.Page.GetByTestId("add-freeze").ClickAsync();

        var freezeDay = ui.Page.Locator("[data-testid=calendar-day][data-date='2027-03-10']");
        await Expect(freezeDay.Locator("[data-kind=freeze]").Filter(new() { HasText = "Spring sales" })).ToHaveCountAsync(1);

        await ui.Page.GetByTestId("window-client").ClickAsync();
        await ui.Page.Locator(".mud-popover-open").GetByText("Acme Retail").ClickAsync();
        await ui.Page.Locator("#window-name").FillAsync("DST upgrade");
        await ui.Page.Locator("#window-start").FillAsync("2027-03-28 02:30");
        await ui.Page.Locator("#window-end").FillAsync("2027-03-28 05:00");
        await ui.Page.GetByTestId("add-window").ClickAsync();

        await Expect(ui.Page.GetByTestId("window-resolution")).ToContainTextAsync("spring-forward gap");
        var windowDay = ui.Page.Locator("[data-testid=calendar-day][data-date='2027-03-28']");
        await Expect(windowDay.Locator("[data-kind=window]").Filter(new() { HasText = "DST upgrade" })).ToContainTextAsync("03:30");
        await ui.ScreenshotAsync("change-calendar-window-added");

        await ui.GoToAsync("/changes/calendar?date=2027-03-10");
        var freeze = freezeDay.Locator("[data-kind=freeze]").Filter(new() { HasText = "Spring sales" });
        await freeze.GetByTestId("delete-entry").ClickAsync();
        await Expect(freeze).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_window_ending_before_it_starts_is_refused()
    {
        await using var ui = await UiSession.OpenAsync(browser, app);
        await ui.SignInAsync(DemoUsers.ProviderOperator);
        await ui.GoToAsync("/changes/calendar");

        await ui.Page.GetByTestId("window-client").ClickAsync();
        await ui.Page.Locator(".mud-popover-open").GetByText("Acme Retail").ClickAsync();
        await ui.Page.Locator("#window-name").FillAsync("Backwards");
        await ui.Page.Locator("#window-start").FillAsync("2027-04-20 10:00");
        await ui.Page.Locator("#window-end").FillAsync("2027-04-20 09:00");
        await ui.Page.GetByTestId("add-window").ClickAsync();

        var refusal = ui.Page.GetByTestId("problem");
        await Expect(refusal).ToHaveAttributeAsync("data-status", "400");
        await Expect(refusal).ToContainTextAsync("must end after it starts");
    }

    [Fact]
    public async Task A_client_viewer_gets_no_form_and_a_client_admin_only_the_freeze_form()
    {
        await using var viewer = await UiSession.OpenAsync(browser, app);
        await viewer.SignInAsync(DemoUsers.AcmeViewer);
        await viewer.GoToAsync("/changes/calendar");
        await Expect(viewer.Page.GetByTestId("calendar-grid")).ToBeVisibleAsync();
        await Expect(viewer.Page.GetByTestId("freeze-form")).ToHaveCountAsync(0);
        await Expect(viewer.Page.GetByTestId("window-form")).ToHaveCountAsync(0);

        await using var admin = await UiSession.OpenAsync(browser, app);
        await admin.SignInAsync(DemoUsers.AcmeAdmin);
        await admin.GoToAsync("/changes/calendar");
        await Expect(admin.Page.GetByTestId("freeze-form")).ToBeVisibleAsync();
        await Expect(admin.Page.GetByTestId("window-form")).ToHaveCountAsync(0);
    }
}
