using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IamOps.Server.Data;
using IamOps.Server.Modules.Notifications;
using IamOps.Server.Tests.Infrastructure;
using IamOps.Server.Tests.Raci;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IamOps.Server.Tests.Notifications;

public sealed class WebhookSubscriptionTests(IamOpsApp app) : IClassFixture<IamOpsApp>
{
    private static readonly string[] IncidentEvents = ["incident.*", "SLA.Breached"];

    [Fact]
    public async Task The_secret_is_shown_once_and_kept_encrypted()
    {
        var ct = TestContext.Current.CancellationToken;
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);

        var response = await acme.PostAsJsonAsync("/api/v1/webhooks",
            new { url = "https://hooks.acme.example/iamops", eventTypes = IncidentEvents, description = "PagerDuty bridge" }, ct);
        var created = await response.JsonAsync(ct);
        var secret = created.GetProperty("secret").GetString()!;
        var id = created.GetProperty("subscription").GetProperty("id").GetGuid();
        var fetched = await acme.GetStringAsync($"/api/v1/webhooks/{id}", ct);
        var listed = await acme.GetStringAsync("/api/v1/webhooks", ct);
        string stored;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            stored = await scope.ServiceProvider.GetRequiredService<IamOpsDb>().Set<WebhookSubscription>().IgnoreQueryFilters()
                .Where(s => s.Id == id).Select(s => s.ProtectedSecret).SingleAsync(ct);
        }
        var audit = await acme.GetStringAsync("/api/v1/audit-trail/export", ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/webhooks/{id}", response.Headers.Location?.ToString());
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.True(secret.Length >= 40);
        Assert.Equal(["incident.*", "sla.breached"], created.GetProperty("subscription").GetProperty("eventTypes").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain(secret, fetched, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", fetched, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        Assert.NotEqual(secret, stored);
        Assert.DoesNotContain(secret, audit, StringComparison.Ordinal);
        Assert.DoesNotContain(stored, audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_client_cannot_see_or_delete_a_subscription_and_a_viewer_cannot_create_one()
    {
        var ct = TestContext.Current.CancellationToken;
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var id = (await (await acme.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://hooks.acme.example/a" }, ct)).JsonAsync(ct))
            .GetProperty("subscription").GetProperty("id").GetGuid();
        var globex = await app.ClientForAsync(DemoUsers.GlobexAdmin, ct);
        var viewer = await app.ClientForAsync(DemoUsers.AcmeViewer, ct);

        var globexGet = await globex.GetAsync($"/api/v1/webhooks/{id}", ct);
        var globexDelete = await globex.DeleteAsync($"/api/v1/webhooks/{id}", ct);
        var globexList = await globex.GetFromJsonAsync<JsonElement>("/api/v1/webhooks", ct);
        var viewerCreate = await viewer.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://hooks.acme.example/v" }, ct);
        var update = await acme.PutAsJsonAsync($"/api/v1/webhooks/{id}", new { url = "https://hooks.acme.example/b", enabled = false }, ct);
        var updated = await update.JsonAsync(ct);
        var delete = await acme.DeleteAsync($"/api/v1/webhooks/{id}", ct);
        var gone = await acme.GetAsync($"/api/v1/webhooks/{id}", ct);

        Assert.Equal(HttpStatusCode.NotFound, globexGet.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, globexDelete.StatusCode);
        Assert.DoesNotContain(globexList.EnumerateArray(), s => s.GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.Forbidden, viewerCreate.StatusCode);
        Assert.Equal("https://hooks.acme.example/b", updated.GetProperty("url").GetString());
        Assert.False(updated.GetProperty("enabled").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory]
    [InlineData("ftp://hooks.acme.example/x", null, "url")]
    [InlineData("hooks.acme.example/x", null, "url")]
    [InlineData("https://user:pw@hooks.acme.example/x", null, "url")]
    [InlineData("https://hooks.acme.example/x", "incident opened", "eventTypes")]
    public async Task A_bad_url_or_event_type_is_a_validation_error_naming_the_field(string url, string? eventType, string field)
    {
        var ct = TestContext.Current.CancellationToken;
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);

        var response = await acme.PostAsJsonAsync("/api/v1/webhooks", new { url, eventTypes = eventType is null ? null : new[] { eventType } }, ct);
        var problem = await response.JsonAsync(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public void The_signature_header_is_documented_hmac_sha256_over_timestamp_dot_body()
    {
        // Known answer computed independently: printf '1767225600.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
        var header = WebhookSignature.Sign("whsec_test", 1767225600, """{"a":1}""");

        Assert.Equal("t=1767225600,v1=" + KnownMac, header);
        Assert.True(WebhookSignature.Verify("whsec_test", header, """{"a":1}""", DateTimeOffset.FromUnixTimeSeconds(1767225600 + 60), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("whsec_test", header, """{"a":2}""", DateTimeOffset.FromUnixTimeSeconds(1767225600), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("whsec_test", header, """{"a":1}""", DateTimeOffset.FromUnixTimeSeconds(1767225600 + 600), TimeSpan.FromMinutes(5)));
    }

    private const string KnownMac = "6d204545ff126a339c00513d93603299c984074ce1331c3537c3f6c976b49019";
}
