using System.Net.Http.Json;
using System.Text.Json;
using IamOps.Server.Modules.Notifications;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Tests.Infrastructure;
using IamOps.Server.Tests.Raci;

namespace IamOps.Server.Tests.Notifications;

public sealed class DeliveryReliabilityTests
{
    public static TheoryData<string> Providers => TestDatabases.Providers();

    [Fact]
    public async Task Mail_waits_while_the_smtp_server_is_down_and_goes_out_once_when_it_is_back()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = Smtp4dev.FreePort();
        await using var app = new NotifyApp("sqlite", port);
        var acmeId = await RaciApi.OwnOrganisationIdAsync(await app.ClientForAsync(DemoUsers.AcmeAdmin, ct), ct);
        var marker = Guid.NewGuid().ToString("N");
        await app.NotifyAsync(new NotificationMessage(acmeId, Party.Client, null, $"Outage {marker} 1", "First.", EmailTo: ["ops@acme.example"]), ct);
        await app.NotifyAsync(new NotificationMessage(acmeId, Party.Client, null, $"Outage {marker} 2", "Second.", EmailTo: ["ops@acme.example"]), ct);

        var downAt = app.Clock.GetUtcNow();
        var whileDown = await app.DispatchAsync(ct);
        var operatorClient = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var waiting = (await operatorClient.GetFromJsonAsync<JsonElement>("/api/v1/notifications/outbox?state=pending", ct)).GetProperty("items");
        var beforeBackoff = await app.DispatchAsync(ct);
        await using var smtp = await Smtp4dev.StartAsync(ct, port);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var back = await app.DispatchAsync(ct);
        var mails = await smtp.WaitForAsync(marker, 2, TimeSpan.FromSeconds(10), ct);
        var afterwards = await app.DispatchAsync(ct);
        await Task.Delay(500, ct);

        Assert.Equal(new DispatchResult(2, 0, 2, 0), whileDown);
        Assert.All(waiting.EnumerateArray(), m =>
        {
            Assert.Equal(1, m.GetProperty("attempts").GetInt32());
            Assert.Equal(downAt + TimeSpan.FromMinutes(1), m.GetProperty("nextAttemptAt").GetDateTimeOffset());
            Assert.NotNull(m.GetProperty("lastError").GetString());
        });
        Assert.Equal(2, waiting.GetArrayLength());
        Assert.Equal(0, beforeBackoff.Claimed);
        Assert.Equal(new DispatchResult(2, 2, 0, 0), back);
        Assert.Equal(0, afterwards.Claimed);
        Assert.Equal([$"[IamOps] Outage {marker} 1", $"[IamOps] Outage {marker} 2"], (await smtp.WaitForAsync(marker, 2, TimeSpan.Zero, ct)).Select(m => m.Subject).Order(StringComparer.Ordinal));
        Assert.Equal(2, mails.Select(m => m.MessageId).Distinct().Count());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Two_dispatchers_running_at_once_send_each_webhook_exactly_once(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new NotifyApp(provider, smtpPort: null);
        await using var receiver = await WebhookReceiver.StartAsync(() => app.Clock.GetUtcNow(), ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var acmeId = await acme.OwnOrganisationIdAsync(ct);
        var created = await (await acme.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.UrlFor("acme") }, ct)).JsonAsync(ct);
        receiver.UseSecret("acme", created.GetProperty("secret").GetString()!);
        const int count = 40;
        for (var i = 0; i < count; i++)
        {
            await app.NotifyAsync(new NotificationMessage(acmeId, Party.Client, null, $"Event {i}", "Body.", EventType: "change.scheduled"), ct);
        }

        var results = await Task.WhenAll(app.DispatchAsync(ct), app.DispatchAsync(ct));

        Assert.Equal(count, results.Sum(r => r.Delivered));
        Assert.Equal(count, results.Sum(r => r.Claimed));
        Assert.Equal(count, receiver.Hits.Count);
        Assert.Equal(count, receiver.Accepted.Count);
        Assert.All(receiver.Hits, h => Assert.True(h.SignatureValid));
    }
}
