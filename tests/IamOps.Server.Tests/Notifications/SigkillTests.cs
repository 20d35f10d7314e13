using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IamOps.Server.Tests.Infrastructure;
using IamOps.Server.Tests.Raci;

namespace IamOps.Server.Tests.Notifications;

/// <summary>The real server process is killed (SIGKILL) between the state change and the dispatch, then started again.</summary>
public sealed class SigkillTests
{
    public static TheoryData<string> Providers => TestDatabases.Providers();

    [Theory, MemberData(nameof(Providers))]
    public async Task Notifications_committed_before_a_sigkill_are_all_delivered_after_the_restart_each_exactly_once(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var smtp = await Smtp4dev.StartAsync(ct);
        await using var receiver = await WebhookReceiver.StartAsync(() => DateTimeOffset.UtcNow, ct);
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = provider,
            ["Database__ConnectionString"] = provider == "postgres" ? TestDatabases.NewPostgresDatabase() : TestDatabases.NewSqliteConnectionString(),
            ["Database__SeedDemoData"] = "true",
            ["Notifications__Smtp__Host"] = "127.0.0.1",
            ["Notifications__Smtp__Port"] = smtp.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications__Smtp__Security"] = "None",
            ["Notifications__Dispatcher__PollInterval"] = "00:00:00.200",
            // The first run never reaches its first dispatch.
            ["Notifications__Dispatcher__StartDelay"] = "01:00:00",
        };
        var marker = Guid.NewGuid().ToString("N");
        const int quotes = 3;

        List<JsonElement> queued;
        int mailedBeforeRestart, postedBeforeRestart;
        await using (var first = await ServerProcess.StartAsync(settings, ct))
        {
            using var admin = await SignInAsync(first.BaseUri, DemoUsers.ProviderAdmin, ct);
            var hook = await (await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.UrlFor("provider") }, ct)).JsonAsync(ct);
            receiver.UseSecret("provider", hook.GetProperty("secret").GetString()!);
            using var acme = await SignInAsync(first.BaseUri, DemoUsers.AcmeAdmin, ct);
            for (var i = 0; i < quotes; i++)
            {
                (await acme.PostAsJsonAsync("/api/v1/quote-requests", new { title = $"Quote {marker} {i}", description = "Before the crash." }, ct))
                    .EnsureSuccessStatusCode();
            }
            using var operatorClient = await SignInAsync(first.BaseUri, DemoUsers.ProviderOperator, ct);
            queued = await OutboxAsync(operatorClient, marker, ct);

            await first.KillAsync();
            Assert.True(first.HasExited);
            Assert.Equal(137, first.ExitCode);
            mailedBeforeRestart = (await smtp.MessagesAsync(ct)).Count(m => m.Subject.Contains(marker, StringComparison.Ordinal));
            postedBeforeRestart = receiver.Hits.Count;
        }

        settings["Notifications__Dispatcher__StartDelay"] = "00:00:00";
        await using var second = await ServerProcess.StartAsync(settings, ct);
        var mails = await smtp.WaitForAsync(marker, 2 * quotes, TimeSpan.FromSeconds(90), ct);
        var posted = await receiver.WaitForAsync("provider", quotes, TimeSpan.FromSeconds(60), ct);
        using var operatorAfter = await SignInAsync(second.BaseUri, DemoUsers.ProviderOperator, ct);
        var delivered = await WaitForDeliveredAsync(operatorAfter, marker, 3 * quotes, ct);
        await Task.Delay(TimeSpan.FromSeconds(1), ct);

        Assert.Equal(3 * quotes, queued.Count);
        Assert.All(queued, m => Assert.Equal("Pending", m.GetProperty("state").GetString()));
        Assert.Equal(0, mailedBeforeRestart);
        Assert.Equal(0, postedBeforeRestart);
        var emailKeys = queued.Where(m => m.GetProperty("channel").GetString() == "Email").Select(m => m.GetProperty("idempotencyKey").GetString()!).ToHashSet();
        var webhookKeys = queued.Where(m => m.GetProperty("channel").GetString() == "Webhook").Select(m => m.GetProperty("idempotencyKey").GetString()!).ToHashSet();
        Assert.Equal(2 * quotes, mails.Count);
        Assert.Equal(emailKeys, mails.Select(m => m.MessageId!.Trim('<', '>').Split('@')[0]).ToHashSet());
        Assert.Equal(webhookKeys, posted.Select(h => h.IdempotencyKey).ToHashSet());
        Assert.Equal(quotes, receiver.Hits.Count(h => h.Hook == "provider" && h.SignatureValid));
        Assert.Equal(3 * quotes, delivered.Count);
    }

    private static async Task<HttpClient> SignInAsync(Uri server, string email, CancellationToken ct)
    {
        var client = new HttpClient { BaseAddress = server };
        var token = await (await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = IamOpsApp.DemoPassword }, ct)).JsonAsync(ct);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    private static async Task<List<JsonElement>> OutboxAsync(HttpClient client, string marker, CancellationToken ct, string? state = null)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/notifications/outbox?pageSize=200{(state is null ? "" : "&state=" + state)}", ct);
        return [.. page.GetProperty("items").EnumerateArray().Where(m => m.GetProperty("subject").GetString()!.Contains(marker, StringComparison.Ordinal))];
    }

    private static async Task<List<JsonElement>> WaitForDeliveredAsync(HttpClient client, string marker, int expected, CancellationToken ct)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var delivered = await OutboxAsync(client, marker, ct, "delivered");
            if (delivered.Count >= expected || DateTime.UtcNow > until)
            {
                return delivered;
            }
            await Task.Delay(250, ct);
        }
    }
}
