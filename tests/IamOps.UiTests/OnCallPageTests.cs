using IamOps.UiTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace IamOps.UiTests;

public sealed class OnCallPageTests(BrowserFixture browser, UiApp app)
{
    [Fact]
    public async Task The_manager_creates_a_rotation_with_an_override_and_an_overlapping_override_is_refused()
    {
        var name = $"Weekend duty {Guid.NewGuid():N}"[..22];
        await using var ui = await UiSession.OpenAsync(browser, app);
        await ui.SignInAsync(DemoUsers.ProviderManager);
        await ui.GoToAsync("/on-call");

        await ui.Page.GetByTestId("new-rotation").ClickAsync();
        await ui.Page.Locator("#rotation-name").FillAsync(name);
        await ui.Page.Locator("#rotation-starts-on").FillAsync("2026-11-30");
        await ui.Page.Locator("#rotation-handover").FillAsync("09:00");
        await ui.Page.Locator("#member-0").FillAsync(DemoUsers.ProviderManager);
        await ui.Page.GetByTestId("add-member").ClickAsync();
        await ui.Page.Locator("#member-1").FillAsync(DemoUsers.ProviderOperator);
        await ui.Page.GetByTestId("add-override").ClickAsync();
        await ui.Page.Locator("#override-email-0").FillAsync(DemoUsers.ProviderAdmin);
        await ui.Page.Locator("#override-from-0").FillAsync("2026-12-24 18:00");
        await ui.Page.Locator("#override-to-0").FillAsync("2026-12-26 09:00");
        await ui.Page.GetByTestId("save-rotation").ClickAsync();

        var card = ui.Page.Locator($"[data-testid=rotation][data-name='{name}']");
        await Expect(ui.Page.GetByTestId("rotation-form")).ToHaveCountAsync(0);
        await Expect(card).ToContainTextAsync($"{DemoUsers.ProviderManager} → {DemoUsers.ProviderOperator}");
        await Expect(card.GetByTestId("overrides")).ToContainTextAsync(DemoUsers.ProviderAdmin);

        await card.GetByTestId("edit-rotation").ClickAsync();
        await Expect(ui.Page.Locator("#override-from-0")).ToHaveValueAsync("2026-12-24 18:00");
        await ui.Page.GetByTestId("add-override").ClickAsync();
        await ui.Page.Locator("#override-email-1").FillAsync(DemoUsers.ProviderOperator);
        await ui.Page.Locator("#override-from-1").FillAsync("2026-12-25 09:00");
        await ui.Page.Locator("#override-to-1").FillAsync("2026-12-27 09:00");
        await ui.Page.GetByTestId("save-rotation").ClickAsync();

        var refusal = ui.Page.GetByTestId("problem");
        await Expect(refusal).ToHaveAttributeAsync("data-status", "400");
        await Expect(refusal).ToContainTextAsync("Overrides overlap");
        await ui.ScreenshotAsync("on-call-overlap-refused");
        await ui.Page.GetByTestId("cancel-rotation").ClickAsync();
        await Expect(card.GetByTestId("overrides").Locator("tbody tr")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task The_manager_creates_an_escalation_policy()
    {
        var name = $"P1 escalation {Guid.NewGuid():N}"[..22];
        await using var ui = await UiSession.OpenAsync(browser, app);
        await ui.SignInAsync(DemoUsers.ProviderManager);
        await ui.GoToAsync("/on-call");

        await ui.Page.GetByTestId("new-policy").ClickAsync();
        await ui.Page.Locator("#policy-name").FillAsync(name);
        await ui.Page.GetByTestId("add-step").ClickAsync();
        await ui.Page.GetByTestId("step-target-1").ClickAsync();
        await ui.Page.Locator(".mud-popover-open").GetByText("client contacts").ClickAsync();
        await ui.Page.GetByTestId("save-policy").ClickAsync();

        var row = ui.Page.GetByTestId("policies-table").GetByRole(Microsoft.Playwright.AriaRole.Row).Filter(new() { HasText = name });
        await Expect(row).ToContainTextAsync("P1, P2");
        await Expect(row).ToContainTextAsync("after 0 min: on call → after 15 min: client contacts");
        await ui.ScreenshotAsync("on-call-policy-created");
    }

    [Fact]
    public async Task An_operator_sees_rotations_and_policies_without_forms()
    {
        await using var ui = await UiSession.OpenAsync(browser, app);
        await ui.SignInAsync(DemoUsers.ProviderOperator);
        await ui.GoToAsync("/on-call");

        await Expect(ui.Page.GetByTestId("policies-table")).ToBeVisibleAsync();
        await Expect(ui.Page.GetByTestId("new-rotation")).ToHaveCountAsync(0);
        await Expect(ui.Page.GetByTestId("new-policy")).ToHaveCountAsync(0);
        await Expect(ui.Page.GetByTestId("edit-rotation")).ToHaveCountAsync(0);
    }
}
