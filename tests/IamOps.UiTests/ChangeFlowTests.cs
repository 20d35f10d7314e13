using System.Globalization;
using IamOps.Server.Modules.Changes;
using IamOps.UiTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using static Microsoft.Playwright.Assertions;

namespace IamOps.UiTests;

public sealed class ChangeFlowTests(BrowserFixture browser, UiApp app)
{
    [Fact]
    public async Task A_shutdown_change_moved_out_of_its_window_is_refused_with_the_next_slot_and_the_calendar_shows_it()
    {
        var change = await app.AsSystemAsync(db => db.Set<ChangeRequest>()
            .Where(c => c.Title == "Upgrade Keycloak 26.0.7 → 26.1.0" && c.Status == ChangeStatus.Scheduled)
            .OrderBy(c => c.CreatedAt).Select(c => new { c.Id, c.PlannedStart }).FirstAsync());
        // A working-day morning next week, in Paris civil time: fine for a change without shutdown, not for this one.
        var wednesday = ChangeUi.LocalDate(DateTimeOffset.UtcNow).Next(IsoDayOfWeek.Wednesday).PlusWeeks(1);
        await using var provider = await UiSession.OpenAsync(browser, app);
        await provider.SignInAsync(DemoUsers.ProviderOperator);

        await provider.GoToAsync("/changes");
        await Expect(provider.Page.GetByTestId("change-table")).ToContainTextAsync("Upgrade Keycloak 26.0.7 → 26.1.0");
        await provider.GoToAsync($"/changes/{change.Id}");
        await Expect(provider.Page.GetByTestId("change-type")).ToHaveTextAsync("Major");
        await Expect(provider.Page.GetByTestId("change-status")).ToHaveTextAsync("scheduled");
        await Expect(provider.Page.GetByTestId("change-facts")).ToContainTextAsync("only inside a maintenance window");
        await provider.Page.Locator("#schedule-start").FillAsync(wednesday.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture) + " 10:00");
        await provider.Page.Locator("#schedule-end").FillAsync(wednesday.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture) + " 11:00");
        await provider.Page.GetByTestId("schedule").ClickAsync();

        var refusal = provider.Page.GetByTestId("problem");
        await Expect(refusal).ToHaveAttributeAsync("data-status", "422");
        await Expect(refusal).ToContainTextAsync("maintenance window");
        await Expect(refusal).ToContainTextAsync("Next valid slot");
        await provider.ScreenshotAsync("change-schedule-refused");

        var day = ChangeUi.LocalDate(change.PlannedStart!.Value).ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
        await provider.GoToAsync($"/changes/calendar?date={day}");
        var cell = provider.Page.Locator($"[data-testid=calendar-day][data-date='{day}']");
        await Expect(cell.Locator("[data-kind=change]").First).ToContainTextAsync("Upgrade Keycloak");
        await Expect(cell.Locator("[data-kind=window]").First).ToContainTextAsync("Weekly maintenance");
        await provider.Page.GetByTestId("month-view").ClickAsync();
        await Expect(provider.Page.GetByTestId("calendar-range")).Not.ToContainTextAsync("Week of");
        await provider.ScreenshotAsync("change-calendar");
    }
}
