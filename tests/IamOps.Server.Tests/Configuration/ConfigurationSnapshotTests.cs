using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IamOps.Server.Modules.Changes;
using IamOps.Server.Modules.Configuration.Snapshots;
using IamOps.Server.Modules.ResourceHistory;
using IamOps.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IamOps.Server.Tests.Configuration;

public sealed class ConfigurationSnapshotTests
{
    [Fact]
    public async Task Snapshot_stores_a_redacted_version_and_an_unchanged_realm_gets_no_new_version()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await KeycloakSimulator.KeycloakSimulator.StartWithMasterAsync(ct);
        sim.AddRealm(ConfigurationApp.RealmWithSecrets());
        await using var app = new ConfigurationApp();
        var clusterId = await app.AcmeClusterOnAsync(sim, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);

        var first = await TakeAsync(acme, clusterId, ConfigurationApp.RealmName, ct);
        var second = await TakeAsync(acme, clusterId, ConfigurationApp.RealmName, ct);
        var stored = await acme.GetStringAsync($"/api/v1/clusters/{clusterId}/configuration/snapshots/{first.GetProperty("snapshot").GetProperty("id")}", ct);
        var audit = await acme.GetStringAsync("/api/v1/audit-trail/export", ct);
        var content = JsonNode.Parse(stored)!["content"]!;

        Assert.Equal("Succeeded", first.GetProperty("snapshot").GetProperty("status").GetString());
        Assert.Equal(1, first.GetProperty("snapshot").GetProperty("version").GetInt32());
        Assert.Equal("Unchanged", second.GetProperty("snapshot").GetProperty("status").GetString());
        Assert.Equal(1, second.GetProperty("snapshot").GetProperty("version").GetInt32());
        Assert.Equal(first.GetProperty("snapshot").GetProperty("sha256").GetString(), second.GetProperty("snapshot").GetProperty("sha256").GetString());
        Assert.Equal(7, content["clients"]!.AsArray().Count);
        Assert.Equal("**********", (string?)content["smtpServer"]!["password"]);
        Assert.Equal("**********", (string?)content["identityProviders"]![0]!["config"]!["clientSecret"]);
        Assert.Equal("**********", (string?)content["clients"]!.AsArray().Single(c => (string?)c!["clientId"] == "my-backend")!["secret"]);
        Assert.Equal("smtp.acme.example", (string?)content["smtpServer"]!["host"]);
        Assert.NotNull(content["passwordPolicy"] ?? content["bruteForceProtected"]);
        Assert.True(content["keys"]!["keys"]!.AsArray().Count >= 1);
        foreach (var secret in ConfigurationApp.Secrets)
        {
            Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, audit, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_change_without_an_approved_change_request_is_drift_the_client_is_told_about_and_the_diff_is_keyed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await KeycloakSimulator.KeycloakSimulator.StartWithMasterAsync(ct);
        var realm = sim.AddRealm(ConfigurationApp.RealmWithSecrets());
        await using var app = new ConfigurationApp();
        var clusterId = await app.AcmeClusterOnAsync(sim, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var v1 = await TakeAsync(acme, clusterId, ConfigurationApp.RealmName, ct);

        app.Clock.Advance(TimeSpan.FromHours(1));
        acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        realm.Realm["bruteForceProtected"] = true;
        var backend = realm.Clients.OfType<JsonObject>().Single(c => (string?)c["clientId"] == "my-backend");
        backend["redirectUris"]!.AsArray().Add("https://app.acme.example/*");
        realm.Clients.Insert(0, new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["clientId"] = "a-new-app", ["publicClient"] = true });
        var v2 = await TakeAsync(acme, clusterId, ConfigurationApp.RealmName, ct);
        var drift = v2.GetProperty("drift");
        var diff = await acme.GetFromJsonAsync<JsonElement>(
            $"/api/v1/clusters/{clusterId}/configuration/diff?from={v1.GetProperty("snapshot").GetProperty("id")}&to={v2.GetProperty("snapshot").GetProperty("id")}", ct);
        var changes = diff.GetProperty("changes").EnumerateArray().Select(c => $"{c.GetProperty("kind").GetString()} {c.GetProperty("path").GetString()}").ToList();
        var notifications = await acme.GetStringAsync("/api/v1/notifications?pageSize=200", ct);

        Assert.Equal(2, v2.GetProperty("snapshot").GetProperty("version").GetInt32());
        Assert.Equal(JsonValueKind.Object, drift.ValueKind);
        Assert.Equal(3, drift.GetProperty("changeCount").GetInt32());
        Assert.Equal(["Changed $.bruteForceProtected", "Added $.clients[clientId=my-backend].redirectUris[]", "Added $.clients[clientId=a-new-app]"], changes);
        Assert.Contains("~ $.bruteForceProtected: false → true", drift.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("Configuration drift on realm eventsourcing-with-axon", notifications, StringComparison.Ordinal);
        var drifts = await acme.GetFromJsonAsync<JsonElement>($"/api/v1/clusters/{clusterId}/configuration/drifts", ct);
        Assert.Equal(drift.GetProperty("id").GetGuid(), drifts[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_change_inside_an_approved_change_window_is_not_drift_and_names_the_change()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await KeycloakSimulator.KeycloakSimulator.StartWithMasterAsync(ct);
        var realm = sim.AddRealm(ConfigurationApp.RealmWithSecrets());
        await using var app = new ConfigurationApp();
        var clusterId = await app.AcmeClusterOnAsync(sim, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        await TakeAsync(acme, clusterId, ConfigurationApp.RealmName, ct);
        var changeId = Guid.NewGuid();
        app.Changes.Approved.Add((clusterId, new ApprovedChangeRef(changeId, "Enable brute-force detection",
            app.Clock.GetUtcNow().AddMinutes(10), app.Clock.GetUtcNow().AddMinutes(40))));

        app.Clock.Advance(TimeSpan.FromHours(1));
        acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        realm.Realm["bruteForceProtected"] = true;
        var v2 = await TakeAsync(acme, clusterId, ConfigurationApp.RealmName, ct);
        var drifts = await acme.GetFromJsonAsync<JsonElement>($"/api/v1/clusters/{clusterId}/configuration/drifts", ct);

        Assert.Equal(JsonValueKind.Null, v2.GetProperty("drift").ValueKind);
        Assert.Equal($"{changeId}: Enable brute-force detection", v2.GetProperty("snapshot").GetProperty("approvedChanges").GetString());
        Assert.Equal(0, drifts.GetArrayLength());
    }

    [Theory]
    [InlineData("wrong-secret", null, 401, "Invalid client or Invalid client credentials")]
    [InlineData("iamops-secret", "no-such-realm", 404, "Realm not found.")]
    public async Task Refused_or_missing_realms_are_recorded_as_failed_snapshots_with_Keycloak_s_reason(string secret, string? realm, int status, string reason)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await KeycloakSimulator.KeycloakSimulator.StartWithMasterAsync(ct);
        await using var app = new ConfigurationApp();
        var clusterId = await app.AcmeClusterOnAsync(sim, ct, secret);
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);

        var outcome = await TakeAsync(acme, clusterId, realm, ct);
        var list = await acme.GetFromJsonAsync<JsonElement>($"/api/v1/clusters/{clusterId}/configuration/snapshots", ct);

        Assert.Equal("Failed", outcome.GetProperty("snapshot").GetProperty("status").GetString());
        Assert.Equal(status, outcome.GetProperty("snapshot").GetProperty("errorStatus").GetInt32());
        Assert.Contains(reason, outcome.GetProperty("snapshot").GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(realm ?? "*", list.GetProperty("items")[0].GetProperty("realm").GetString());
    }

    [Fact]
    public async Task A_lasting_server_error_fails_one_realm_and_the_others_are_still_read()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await KeycloakSimulator.KeycloakSimulator.StartWithMasterAsync(ct);
        sim.AddRealm(ConfigurationApp.RealmWithSecrets());
        await using var app = new ConfigurationApp();
        var clusterId = await app.AcmeClusterOnAsync(sim, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        sim.FailNext("/admin/realms/master/client-scopes", 500, times: 3);

        var response = await acme.PostAsJsonAsync($"/api/v1/clusters/{clusterId}/configuration/snapshots", new { }, ct);
        var outcomes = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("outcomes").EnumerateArray()
            .ToDictionary(o => o.GetProperty("realm").GetString()!, o => o.GetProperty("snapshot"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Failed", outcomes["master"].GetProperty("status").GetString());
        Assert.Equal(500, outcomes["master"].GetProperty("errorStatus").GetInt32());
        Assert.Equal("Succeeded", outcomes[ConfigurationApp.RealmName].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Scheduled_snapshots_run_when_due_and_show_on_the_realm_history()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await KeycloakSimulator.KeycloakSimulator.StartWithMasterAsync(ct);
        var realm = sim.AddRealm(ConfigurationApp.RealmWithSecrets());
        await using var app = new ConfigurationApp();
        var clusterId = await app.AcmeClusterOnAsync(sim, ct);

        var first = await RunScheduleAsync(app, ct);
        app.Clock.Advance(TimeSpan.FromHours(1));
        var notDue = await RunScheduleAsync(app, ct);
        realm.Realm["sslRequired"] = "all";
        app.Clock.Advance(TimeSpan.FromHours(24));
        var due = await RunScheduleAsync(app, ct);

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IamOps.Server.Modules.Platform.TenantContext>().UseSystem();
        var history = await scope.ServiceProvider.GetServices<IResourceHistorySource>().OfType<IResourceHistorySource>()
            .Select(s => s.GetAsync(new ResourceKey(clusterId, ResourceKind.Realm, ConfigurationApp.RealmName), null, null, ct))
            .Aggregate(Task.FromResult<IReadOnlyList<ResourceHistoryEntry>>([]), async (all, next) => [.. await all, .. await next]);

        Assert.Contains(clusterId, first);
        Assert.DoesNotContain(clusterId, notDue);
        Assert.Contains(clusterId, due);
        Assert.Contains(history, e => e.Title == "Configuration of realm eventsourcing-with-axon: version 1");
        Assert.Contains(history, e => e.Source == "configuration-drift" && e.Detail!.Contains("$.sslRequired", StringComparison.Ordinal));
        Assert.All(history, e => Assert.Equal(ConfigurationApp.RealmName, e.Resource.Name));
    }

    [Fact]
    public async Task Viewers_cannot_take_snapshots_and_other_clients_cannot_see_them()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await KeycloakSimulator.KeycloakSimulator.StartWithMasterAsync(ct);
        await using var app = new ConfigurationApp();
        var clusterId = await app.AcmeClusterOnAsync(sim, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var snapshot = (await TakeAsync(acme, clusterId, "master", ct)).GetProperty("snapshot").GetProperty("id").GetGuid();
        var viewer = await app.ClientForAsync(DemoUsers.AcmeViewer, ct);
        var globex = await app.ClientForAsync(DemoUsers.GlobexAdmin, ct);

        var byViewer = await viewer.PostAsJsonAsync($"/api/v1/clusters/{clusterId}/configuration/snapshots", new { realm = "master" }, ct);
        var byGlobex = await globex.PostAsJsonAsync($"/api/v1/clusters/{clusterId}/configuration/snapshots", new { realm = "master" }, ct);
        var readByGlobex = await globex.GetAsync($"/api/v1/clusters/{clusterId}/configuration/snapshots/{snapshot}", ct);
        var readByViewer = await viewer.GetAsync($"/api/v1/clusters/{clusterId}/configuration/snapshots/{snapshot}", ct);

        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byGlobex.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, readByGlobex.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readByViewer.StatusCode);
    }

    private static async Task<IReadOnlyList<Guid>> RunScheduleAsync(ConfigurationApp app, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SnapshotSchedule>().RunDueAsync(ct);
    }

    internal static async Task<JsonElement> TakeAsync(HttpClient client, Guid clusterId, string? realm, CancellationToken ct)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/clusters/{clusterId}/configuration/snapshots", new { realm }, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("outcomes")[0];
    }
}
