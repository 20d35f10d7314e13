using System.Net.Http.Json;
using System.Text.Json;
using IamOps.Server.Tests.Infrastructure;
using IamOps.Server.Tests.Raci;

namespace IamOps.Server.Tests.Changes;

/// <summary>Steps the change tests share: find a cluster, create a change and take it through review and approval.</summary>
internal static class ChangesApi
{
    public static async Task<Guid> ClusterIdAsync(this HttpClient client, string name, CancellationToken ct)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/clusters?pageSize=200", ct);
        return page.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> CreateChangeAsync(this HttpClient client, object body, CancellationToken ct)
    {
        var response = await client.PostAsJsonAsync("/api/v1/changes", body, ct);
        var json = await response.JsonAsync(ct);
        Assert.True(response.IsSuccessStatusCode, json.ToString());
        return json;
    }

    /// <summary>A change on a cluster (or resource) of Acme, submitted, reviewed by Acme and approved by the needed parties.</summary>
    public static async Task<Guid> ApprovedChangeAsync(IamOpsApp app, Guid clusterId, CancellationToken ct, int[]? scores = null,
        bool urgent = false, bool shutdown = false, string? kind = null, string? name = null, string title = "Upgrade Keycloak")
    {
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeContact, ct);
        var s = scores ?? [1, 1, 1, 1];
        var change = await provider.CreateChangeAsync(new
        {
            title, description = "Rolling upgrade of the nodes.", rollbackPlan = "Restore the previous image.",
            targets = new[] { new { clusterId, kind, name } }, requiresShutdown = shutdown, urgent,
            scores = new { complexity = s[0], importance = s[1], serviceImpact = s[2], irreversibility = s[3] },
        }, ct);
        var id = change.GetProperty("id").GetGuid();
        await OkAsync(provider.PostAsync($"/api/v1/changes/{id}/submit", null, ct), ct);
        await OkAsync(acme.PostAsJsonAsync($"/api/v1/changes/{id}/consultations/0/respond", new { response = "Fine for us." }, ct), ct);
        await OkAsync(provider.PostAsJsonAsync($"/api/v1/changes/{id}/approve", new { comment = "Go" }, ct), ct);
        if (urgent)
        {
            await OkAsync(acme.PostAsJsonAsync($"/api/v1/changes/{id}/approve", new { comment = "Agreed, urgent" }, ct), ct);
        }
        return id;
    }

    public static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call, CancellationToken ct)
    {
        var response = await call;
        var json = await response.JsonAsync(ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {json}");
        return json;
    }

    public static Task<HttpResponseMessage> ScheduleAsync(this HttpClient client, Guid id, string start, string end, CancellationToken ct) =>
        client.PostAsJsonAsync($"/api/v1/changes/{id}/schedule", new { start = DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), end = DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture) }, ct);
}
