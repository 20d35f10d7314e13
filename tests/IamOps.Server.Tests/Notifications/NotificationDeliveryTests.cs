using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IamOps.Server.Modules.Notifications;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Tests.Infrastructure;
using IamOps.Server.Tests.Raci;
using Microsoft.Extensions.DependencyInjection;

namespace IamOps.Server.Tests.Notifications;

public sealed class NotificationDeliveryTests(NotifyFixture fixture) : IClassFixture<NotifyFixture>
{
    private static readonly string[] ChangeEvents = ["change.*"];

    private NotifyApp App => fixture.App;

    [Fact]
    public async Task A_quote_request_emails_the_provider_staff_and_posts_a_signed_webhook_only_once_dispatched()
    {
        var ct = TestContext.Current.CancellationToken;
        var hook = $"provider-{Guid.NewGuid():N}";
        var admin = await App.ClientForAsync(DemoUsers.ProviderAdmin, ct);
        var created = await (await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = fixture.Hooks.UrlFor(hook) }, ct)).JsonAsync(ct);
        fixture.Hooks.UseSecret(hook, created.GetProperty("secret").GetString()!);
        var acme = await App.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var title = $"Theme {Guid.NewGuid():N}";

        (await acme.PostAsJsonAsync("/api/v1/quote-requests", new { title, description = "A branded login theme." }, ct)).EnsureSuccessStatusCode();
        var operatorClient = await App.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var queued = await Outbox(operatorClient, "pending", title, ct);
        var mailedBefore = (await fixture.Smtp.MessagesAsync(ct)).Count(m => m.Subject.Contains(title, StringComparison.Ordinal));
        var result = await App.DispatchAsync(ct);
        var mails = await fixture.Smtp.WaitForAsync(title, 2, TimeSpan.FromSeconds(10), ct);
        var delivered = await Outbox(operatorClient, "delivered", title, ct);

        Assert.Equal(3, queued.Count);
        Assert.Equal(0, mailedBefore);
        Assert.True(result.Delivered >= 3, $"dispatch delivered {result.Delivered}");
        Assert.Equal([DemoUsers.ProviderManager, DemoUsers.ProviderOperator], mails.SelectMany(m => m.To).Order(StringComparer.Ordinal));
        var emailKeys = queued.Where(m => m.GetProperty("channel").GetString() == "Email").Select(m => m.GetProperty("idempotencyKey").GetString()!).ToList();
        Assert.Equal(emailKeys.Select(k => $"<{k}@{NotifyApp.MessageIdDomain}>").Order(StringComparer.Ordinal), mails.Select(m => m.MessageId!).Order(StringComparer.Ordinal));
        Assert.Contains("A branded login theme.", mails[0].PlainText, StringComparison.Ordinal);
        var webhook = Assert.Single(fixture.Hooks.AcceptedFor(hook));
        var webhookKey = queued.Single(m => m.GetProperty("channel").GetString() == "Webhook").GetProperty("idempotencyKey").GetString();
        Assert.Equal(webhookKey, webhook.IdempotencyKey);
        Assert.True(webhook.SignatureValid);
        var payload = JsonDocument.Parse(webhook.Body).RootElement;
        Assert.Equal(webhookKey, payload.GetProperty("id").GetString());
        Assert.Equal("Acme Retail", payload.GetProperty("clientName").GetString());
        Assert.Equal("Provider", payload.GetProperty("recipientParty").GetString());
        Assert.Equal(3, delivered.Count);
    }

    [Fact]
    public async Task An_explicit_address_gets_the_event_template_and_the_party_users_do_not()
    {
        var ct = TestContext.Current.CancellationToken;
        var acmeId = await RaciApi.OwnOrganisationIdAsync(await App.ClientForAsync(DemoUsers.AcmeAdmin, ct), ct);
        var marker = Guid.NewGuid().ToString("N");

        await App.NotifyAsync(new NotificationMessage(acmeId, Party.Client, null, $"Login down {marker}", "Users cannot sign in.",
            "/api/v1/incidents/1", "incident.opened", ["oncall@acme.example"]), ct);
        await App.DispatchAsync(ct);
        var mail = Assert.Single(await fixture.Smtp.WaitForAsync(marker, 1, TimeSpan.FromSeconds(10), ct));

        Assert.Equal($"[IamOps] Incident opened: Login down {marker}", mail.Subject);
        Assert.Equal(["oncall@acme.example"], mail.To);
        Assert.Contains("An incident was opened for Acme Retail.", mail.PlainText, StringComparison.Ordinal);
        Assert.Equal("incident.opened", mail.Headers["X-IamOps-Event"]);
    }

    [Fact]
    public async Task A_failing_webhook_becomes_a_dead_letter_after_three_attempts_and_a_retry_from_the_api_delivers_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var hook = $"acme-{Guid.NewGuid():N}";
        var acme = await App.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var acmeId = await RaciApi.OwnOrganisationIdAsync(acme, ct);
        var created = await (await acme.PostAsJsonAsync("/api/v1/webhooks", new { url = fixture.Hooks.UrlFor(hook), eventTypes = ChangeEvents }, ct)).JsonAsync(ct);
        fixture.Hooks.UseSecret(hook, created.GetProperty("secret").GetString()!);
        fixture.Hooks.FailWith(hook, 503);
        var marker = Guid.NewGuid().ToString("N");
        var operatorClient = await App.ClientForAsync(DemoUsers.ProviderOperator, ct);

        await App.NotifyAsync(new NotificationMessage(acmeId, Party.Client, null, $"Upgrade {marker}", "Keycloak 26.1 on Tuesday.",
            EventType: "change.scheduled", EmailTo: ["nobody-mail@acme.example"]), ct);
        await App.NotifyAsync(new NotificationMessage(acmeId, Party.Client, null, $"Ignored {marker}", "Not a change.",
            EventType: "incident.opened", EmailTo: ["nobody-mail@acme.example"]), ct);
        var states = new List<(int Attempts, string State)>();
        for (var i = 0; i < 3; i++)
        {
            await App.DispatchAsync(ct);
            var row = Assert.Single(await Outbox(operatorClient, null, $"Upgrade {marker}", ct, channel: "webhook"));
            states.Add((row.GetProperty("attempts").GetInt32(), row.GetProperty("state").GetString()!));
            App.Clock.Advance(TimeSpan.FromSeconds(150)); // past the 1- and 2-minute backoffs, within the 15-minute bearer tokens
        }
        var dead = Assert.Single(await Outbox(operatorClient, "dead", $"Upgrade {marker}", ct));
        var deadId = dead.GetProperty("id").GetGuid();
        var clientRetry = await acme.PostAsync($"/api/v1/notifications/outbox/{deadId}/retry", null, ct);
        var clientList = await acme.GetAsync("/api/v1/notifications/outbox?state=dead", ct);
        fixture.Hooks.Recover(hook);
        var retried = await operatorClient.PostAsync($"/api/v1/notifications/outbox/{deadId}/retry", null, ct);
        var retriedBody = await retried.JsonAsync(ct);
        await App.DispatchAsync(ct);
        var again = await operatorClient.PostAsync($"/api/v1/notifications/outbox/{deadId}/retry", null, ct);

        Assert.Equal([(1, "Pending"), (2, "Pending"), (3, "Dead")], states);
        Assert.Contains("503", dead.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, clientRetry.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, clientList.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("Pending", retriedBody.GetProperty("state").GetString());
        Assert.Equal(0, retriedBody.GetProperty("attempts").GetInt32());
        var accepted = Assert.Single(fixture.Hooks.AcceptedFor(hook));
        Assert.Equal(dead.GetProperty("idempotencyKey").GetString(), accepted.IdempotencyKey);
        Assert.Equal("change.scheduled", accepted.EventType);
        // Three attempts of two tries each (Polly retries once within an attempt), then the one after the retry.
        Assert.Equal(7, fixture.Hooks.Hits.Count(h => h.Hook == hook));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Single(await Outbox(operatorClient, "delivered", $"Upgrade {marker}", ct, channel: "webhook"));
    }

    [Fact]
    public async Task The_contract_matrix_picks_who_is_informed()
    {
        var ct = TestContext.Current.CancellationToken;
        var acme = await App.ClientForAsync(DemoUsers.AcmeContact, ct);
        var acmeId = await RaciApi.OwnOrganisationIdAsync(acme, ct);
        var marker = Guid.NewGuid().ToString("N");

        IReadOnlyList<Party> informed, accountable;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
            var notifier = scope.ServiceProvider.GetRequiredService<INotifier>();
            informed = await notifier.NotifyInformedAsync(acmeId, IamOps.Server.Modules.Raci.RaciActivities.IncidentManagement,
                $"Informed {marker}", "Incident work on your cluster.", ct: ct);
            accountable = await notifier.NotifyInformedAsync(acmeId, IamOps.Server.Modules.Raci.RaciActivities.IncidentManagement,
                $"Performer {marker}", "Who performs it.", letters: [IamOps.Server.Modules.Raci.RaciLetter.R], ct: ct);
            await scope.ServiceProvider.GetRequiredService<IamOps.Server.Data.IamOpsDb>().SaveChangesAsync(ct);
        }
        var acmeNotes = await acme.GetFromJsonAsync<JsonElement>("/api/v1/notifications?pageSize=200", ct);
        var operatorNotes = await (await App.ClientForAsync(DemoUsers.ProviderOperator, ct)).GetFromJsonAsync<JsonElement>("/api/v1/notifications?pageSize=200", ct);

        Assert.Equal([Party.Client], informed);
        Assert.Equal([Party.Provider], accountable);
        Assert.Contains(acmeNotes.GetProperty("items").EnumerateArray(), n => n.GetProperty("subject").GetString() == $"Informed {marker}");
        Assert.DoesNotContain(operatorNotes.GetProperty("items").EnumerateArray(), n => n.GetProperty("subject").GetString() == $"Informed {marker}");
        Assert.Contains(operatorNotes.GetProperty("items").EnumerateArray(), n => n.GetProperty("subject").GetString() == $"Performer {marker}");
    }

    private static async Task<List<JsonElement>> Outbox(HttpClient client, string? state, string subjectPart, CancellationToken ct, string? channel = null)
    {
        var query = $"/api/v1/notifications/outbox?pageSize=200{(state is null ? "" : "&state=" + state)}{(channel is null ? "" : "&channel=" + channel)}";
        var page = await client.GetFromJsonAsync<JsonElement>(query, ct);
        return [.. page.GetProperty("items").EnumerateArray().Where(m => m.GetProperty("subject").GetString()!.Contains(subjectPart, StringComparison.Ordinal))];
    }
}
