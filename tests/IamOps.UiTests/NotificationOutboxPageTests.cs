using IamOps.Server.Modules.Notifications;
using IamOps.Server.Modules.Platform;
using IamOps.UiTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IamOps.UiTests;

public sealed class NotificationOutboxPageTests(BrowserFixture browser, UiApp app)
{
    [Fact]
    public async Task A_dead_letter_is_listed_for_provider_staff_and_retrying_it_puts_it_back_in_line()
    {
        var subject = $"Dead letter {Guid.NewGuid().ToString("N")[..8]}";
        var id = await app.AsSystemAsync(async db =>
        {
            var acme = await db.Organisations.SingleAsync(o => o.Slug == "acme");
            var message = new OutboxMessage
            {
                ClientOrganisationId = acme.Id,
                NotificationId = Guid.CreateVersion7(),
                Channel = OutboxChannel.Webhook,
                IdempotencyKey = $"ui-test-{Guid.NewGuid():N}",
                RecipientParty = Party.Client,
                Destination = "https://hooks.acme.example/down",
                WebhookSubscriptionId = Guid.NewGuid(),
                EventType = "incident.opened",
                Subject = subject,
                Body = "{}",
                State = OutboxState.Dead,
                Attempts = 8,
                CreatedAt = DateTimeOffset.UtcNow,
                NextAttemptAt = DateTimeOffset.UtcNow,
                LastError = "HttpRequestException: Webhook answered 503 Service Unavailable.",
            };
            db.Add(message);
            await db.SaveChangesAsync();
            return message.Id;
        });
        await using var ui = await UiSession.OpenAsync(browser, app);
        await ui.SignInAsync(DemoUsers.ProviderOperator);

        await ui.GoToAsync("/notifications/outbox");
        var row = ui.Page.GetByTestId("outbox-table").GetByRole(AriaRole.Row).Filter(new() { HasText = subject });
        await Expect(row.GetByTestId("outbox-state")).ToHaveTextAsync("dead letter");
        await Expect(row).ToContainTextAsync("503 Service Unavailable");
        await ui.ScreenshotAsync("notification-outbox-dead-letters");
        await row.GetByTestId("retry-delivery").ClickAsync();

        await Expect(row).ToHaveCountAsync(0);
        await ui.Page.GetByTestId("outbox-filter").GetByText("Waiting").ClickAsync();
        await Expect(row.GetByTestId("outbox-state")).ToHaveTextAsync("pending");
        var state = await app.AsSystemAsync(db => db.Set<OutboxMessage>().Where(m => m.Id == id).Select(m => m.State).SingleAsync());
        Assert.Equal(OutboxState.Pending, state);
    }

    [Fact]
    public async Task A_client_user_does_not_reach_the_outbox_and_a_client_admin_adds_a_webhook_whose_secret_is_shown_once()
    {
        await using var ui = await UiSession.OpenAsync(browser, app);
        await ui.SignInAsync(DemoUsers.AcmeAdmin);
        var url = $"https://hooks.acme.example/{Guid.NewGuid():N}";

        // A client user is not provider staff: the page is refused (sent to sign-in), the table never renders.
        await ui.Page.GotoAsync(app.BaseUrl + "/notifications/outbox");
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(ui.Page.GetByTestId("outbox-table")).ToHaveCountAsync(0);
        await ui.GoToAsync("/webhooks");
        await ui.Page.Locator("#webhook-url").FillAsync(url);
        await ui.Page.Locator("#webhook-events").FillAsync("incident.*, sla.breached");
        await ui.Page.GetByTestId("create-webhook").ClickAsync();

        var secret = ui.Page.GetByTestId("new-webhook-secret");
        await Expect(secret).ToContainTextAsync("whsec_");
        var value = (await secret.InnerTextAsync()).Trim();
        var row = ui.Page.GetByTestId("webhook-table").GetByRole(AriaRole.Row).Filter(new() { HasText = url });
        await Expect(row).ToContainTextAsync("incident.*, sla.breached");
        await ui.ScreenshotAsync("webhooks");
        await ui.GoToAsync("/webhooks");
        await Expect(row).ToBeVisibleAsync();
        Assert.DoesNotContain(value, await ui.Page.ContentAsync(), StringComparison.Ordinal);
    }
}
