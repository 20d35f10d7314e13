using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IamOps.Server.Tests.Infrastructure;
using IamOps.Server.Tests.Raci;

namespace IamOps.Server.Tests.Notifications;

public sealed class NotificationTests(IamOpsApp app) : IClassFixture<IamOpsApp>
{
    [Fact]
    public async Task Each_party_sees_its_own_notifications_and_marks_them_read()
    {
        var ct = TestContext.Current.CancellationToken;
        var acme = await app.ClientForAsync(DemoUsers.AcmeContact, ct);
        var globex = await app.ClientForAsync(DemoUsers.GlobexAdmin, ct);
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var title = $"Theme {Guid.NewGuid():N}";
        var quoteId = (await (await acme.PostAsJsonAsync("/api/v1/quote-requests", new { title, description = "d" }, ct)).JsonAsync(ct)).GetProperty("id").GetGuid();

        var providerUnread = await provider.GetFromJsonAsync<JsonElement>("/api/v1/notifications?unread=true&pageSize=200", ct);
        var notice = providerUnread.GetProperty("items").EnumerateArray().Single(n => n.GetProperty("subject").GetString() == $"Quote requested: {title}");
        var noticeId = notice.GetProperty("id").GetGuid();
        var acmeList = await acme.GetFromJsonAsync<JsonElement>("/api/v1/notifications?pageSize=200", ct);
        var readByClient = await acme.PostAsync($"/api/v1/notifications/{noticeId}/read", null, ct);
        var readByOtherClient = await globex.PostAsync($"/api/v1/notifications/{noticeId}/read", null, ct);
        var read = await provider.PostAsync($"/api/v1/notifications/{noticeId}/read", null, ct);
        var readBody = await read.JsonAsync(ct);
        var unreadAfter = await provider.GetFromJsonAsync<JsonElement>("/api/v1/notifications?unread=true&pageSize=200", ct);

        Assert.Equal("Provider", notice.GetProperty("recipientParty").GetString());
        Assert.Equal($"/api/v1/quote-requests/{quoteId}", notice.GetProperty("link").GetString());
        Assert.DoesNotContain(acmeList.GetProperty("items").EnumerateArray(), n => n.GetProperty("id").GetGuid() == noticeId);
        Assert.Equal(HttpStatusCode.NotFound, readByClient.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, readByOtherClient.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(app.Clock.GetUtcNow(), readBody.GetProperty("readAt").GetDateTimeOffset());
        Assert.Equal(DemoUsers.ProviderOperator, readBody.GetProperty("readBy").GetString());
        Assert.DoesNotContain(unreadAfter.GetProperty("items").EnumerateArray(), n => n.GetProperty("id").GetGuid() == noticeId);
    }

    [Fact]
    public async Task A_client_is_told_when_its_quote_is_ready_and_another_client_is_not()
    {
        var ct = TestContext.Current.CancellationToken;
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var globex = await app.ClientForAsync(DemoUsers.GlobexAdmin, ct);
        var manager = await app.ClientForAsync(DemoUsers.ProviderManager, ct);
        var title = $"Upgrade {Guid.NewGuid():N}";
        var id = (await (await acme.PostAsJsonAsync("/api/v1/quote-requests", new { title, description = "d" }, ct)).JsonAsync(ct)).GetProperty("id").GetGuid();
        (await manager.PostAsJsonAsync($"/api/v1/quote-requests/{id}/quote", new { amount = 500m, currency = "EUR", text = "half a day" }, ct)).EnsureSuccessStatusCode();

        var acmeList = await acme.GetFromJsonAsync<JsonElement>("/api/v1/notifications?pageSize=200", ct);
        var globexList = await globex.GetFromJsonAsync<JsonElement>("/api/v1/notifications?pageSize=200", ct);

        var ready = acmeList.GetProperty("items").EnumerateArray().Single(n => n.GetProperty("subject").GetString() == $"Quote ready: {title}");
        Assert.Contains("500.00 EUR", ready.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(globexList.GetProperty("items").EnumerateArray(), n => n.GetProperty("subject").GetString()!.Contains(title, StringComparison.Ordinal));
    }
}
