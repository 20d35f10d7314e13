using IamOps.UiTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IamOps.UiTests;

public sealed class InterventionFlowTests(BrowserFixture browser, UiApp app)
{
    // CLOUD-IAM R; the client I, S, C: the provider performs it, the client is consulted first and informed.
    private const string BackupScheduleChange = "Take into account any changes in the backup schedule";

    [Fact]
    public async Task A_consultation_blocks_completion_until_the_consulted_client_answers_and_the_informed_client_is_notified()
    {
        var title = $"Move the nightly backup to 02:00 {Guid.NewGuid().ToString("N")[..6]}";
        await using var client = await UiSession.OpenAsync(browser, app);
        await using var provider = await UiSession.OpenAsync(browser, app);
        await client.SignInAsync(DemoUsers.AcmeAdmin);
        await provider.SignInAsync(DemoUsers.ProviderOperator);
        await client.GoToAsync("/interventions");
        var unreadAtStart = await UnreadAsync(client);

        await client.Page.GetByTestId("new-intervention").ClickAsync();
        await Expect(client.Page.GetByTestId("request-quote-note")).ToContainTextAsync("recorded as a quote request");
        await client.Page.Locator("#request-activity").FillAsync("backup schedule");
        await client.Page.Locator(".mud-popover-open").GetByText(BackupScheduleChange).ClickAsync();
        await Expect(client.Page.GetByTestId("request-raci")).ToContainTextAsync("The provider (CLOUD-IAM) performs it (R)");
        await Expect(client.Page.GetByTestId("request-raci")).ToContainTextAsync("the client is consulted before it completes (C)");
        await client.Page.Locator("#request-title").FillAsync(title);
        await client.Page.Locator("#request-description").FillAsync("Our batch jobs run at midnight; move the backup to 02:00 CET.");
        await client.ScreenshotAsync("intervention-request");
        await client.Page.GetByTestId("request-submit").ClickAsync();

        await client.Page.WaitForURLAsync("**/interventions/*");
        var detailUrl = new Uri(client.Page.Url).AbsolutePath;
        await Expect(client.Page.GetByTestId("status")).ToHaveTextAsync("open");
        await Expect(client.Page.GetByTestId("consultation-state")).ToHaveTextAsync("pending");
        await Expect(client.Page.GetByTestId("consultation-form")).ToBeVisibleAsync();
        await Expect(client.Page.GetByTestId("complete")).ToHaveCountAsync(0);
        await Expect(client.Page.GetByTestId("contribute-form")).ToBeVisibleAsync();
        await ExpectUnreadAsync(client, unreadAtStart + 1);

        await provider.GoToAsync("/interventions");
        var listed = provider.Page.GetByTestId("intervention-table").GetByRole(AriaRole.Row).Filter(new() { HasText = title });
        await Expect(listed.GetByTestId("status")).ToHaveTextAsync("open");
        await Expect(listed).ToContainTextAsync("Acme Retail");
        await provider.ScreenshotAsync("interventions-provider");
        await listed.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await provider.Page.WaitForURLAsync($"**{detailUrl}");
        await Expect(provider.Page.GetByTestId("waiting-for-consultation")).ToContainTextAsync("Waiting for input from the client");
        await Expect(provider.Page.GetByTestId("consultation-form")).ToHaveCountAsync(0);
        await Expect(provider.Page.GetByTestId("approve")).ToHaveCountAsync(0);
        await provider.Page.Locator("#complete-report").FillAsync("Backup schedule moved to 02:00 CET.");
        await provider.Page.GetByTestId("complete").ClickAsync();

        var refusal = provider.Page.GetByTestId("problem");
        await Expect(refusal).ToHaveAttributeAsync("data-status", "409");
        await Expect(refusal).ToContainTextAsync("it waits for input from the client (consulted");
        await Expect(provider.Page.GetByTestId("status")).ToHaveTextAsync("open");
        await provider.ScreenshotAsync("intervention-blocked");

        await client.GoToAsync(detailUrl);
        await client.Page.Locator("#consultation-answer").FillAsync("Fine for us, 02:00 CET is after our batch jobs.");
        await client.Page.GetByTestId("answer-consultation").ClickAsync();
        await Expect(client.Page.GetByTestId("consultation-state")).ToHaveTextAsync("answered");
        await Expect(client.Page.GetByTestId("timeline-answer")).ToContainTextAsync("Fine for us");
        await Expect(client.Page.GetByTestId("consultation-form")).ToHaveCountAsync(0);
        var unreadAfterAnswer = await UnreadAsync(client);

        await provider.GoToAsync(detailUrl);
        await Expect(provider.Page.GetByTestId("waiting-for-consultation")).ToHaveCountAsync(0);
        await provider.Page.Locator("#complete-report").FillAsync("Backup schedule moved to 02:00 CET.");
        await provider.Page.GetByTestId("complete").ClickAsync();
        await Expect(provider.Page.GetByTestId("status")).ToHaveTextAsync("done");
        await Expect(provider.Page.GetByTestId("timeline-completed")).ToContainTextAsync("Backup schedule moved to 02:00 CET.");
        await Expect(provider.Page.GetByTestId("nothing-to-do")).ToContainTextAsync("nothing is left to do");

        await client.GoToAsync(detailUrl);
        await Expect(client.Page.GetByTestId("status")).ToHaveTextAsync("done");
        await ExpectUnreadAsync(client, unreadAfterAnswer + 1);
        await client.ScreenshotAsync("intervention-detail");

        await client.Page.GetByTestId("notification-bell").ClickAsync();
        await client.Page.WaitForURLAsync("**/notifications");
        var notice = client.Page.GetByTestId("notification").Filter(new() { HasText = $"Work done: {title}" });
        await Expect(notice).ToContainTextAsync("Backup schedule moved to 02:00 CET.");
        await client.ScreenshotAsync("notifications");
        await notice.GetByTestId("mark-read").ClickAsync();
        await ExpectUnreadAsync(client, unreadAfterAnswer);
        await Expect(client.Page.GetByTestId("notification").Filter(new() { HasText = $"Work done: {title}" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_request_without_an_activity_becomes_a_quote_request_and_says_so()
    {
        var title = $"Custom theme for the login page {Guid.NewGuid().ToString("N")[..6]}";
        await using var client = await UiSession.OpenAsync(browser, app);
        await client.SignInAsync(DemoUsers.AcmeContact);
        await client.GoToAsync("/interventions");

        await client.Page.GetByTestId("new-intervention").ClickAsync();
        await client.Page.Locator("#request-title").FillAsync(title);
        await client.Page.Locator("#request-description").FillAsync("Our brand colours on the Keycloak login page.");
        await client.Page.GetByTestId("request-submit").ClickAsync();

        var redirected = client.Page.GetByTestId("redirected-to-quote");
        await Expect(redirected).ToContainTextAsync("Recorded as a quote request: no activity key was given");
        await redirected.GetByRole(AriaRole.Link).ClickAsync();
        await client.Page.WaitForURLAsync("**/quotes/*");
        await Expect(client.Page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await Expect(client.Page.GetByTestId("status")).ToHaveTextAsync("requested");
    }

    private static async Task<int> UnreadAsync(UiSession ui)
    {
        var bell = ui.Page.GetByTestId("notification-bell");
        await Expect(bell).ToBeVisibleAsync();
        return int.Parse(await bell.GetAttributeAsync("data-unread") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Task ExpectUnreadAsync(UiSession ui, int expected) =>
        Expect(ui.Page.GetByTestId("notification-bell")).ToHaveAttributeAsync("data-unread", expected.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
