using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IamOps.Server.Tests.Infrastructure;

namespace IamOps.Server.Tests.Configuration;

public sealed class RealmAuditTests
{
    [Fact]
    public async Task Realm_audit_scores_each_snapshot_explains_findings_and_counts_accepted_risks_approved_by_the_client()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await KeycloakSimulator.KeycloakSimulator.StartWithMasterAsync(ct);
        var realm = sim.AddRealm(ConfigurationApp.RealmWithSecrets());
        realm.Realm["bruteForceProtected"] = false;
        await using var app = new ConfigurationApp();
        var clusterId = await app.AcmeClusterOnAsync(sim, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var auditUrl = $"/api/v1/clusters/{clusterId}/configuration/realms/{ConfigurationApp.RealmName}/audit";
        var before = await acme.GetAsync(auditUrl, ct);
        await ConfigurationSnapshotTests.TakeAsync(acme, clusterId, ConfigurationApp.RealmName, ct);
        var v1 = await acme.GetFromJsonAsync<JsonElement>(auditUrl, ct);

        realm.Realm["bruteForceProtected"] = true;
        await ConfigurationSnapshotTests.TakeAsync(acme, clusterId, ConfigurationApp.RealmName, ct);
        var v2 = await acme.GetFromJsonAsync<JsonElement>(auditUrl, ct);
        var ruleToAccept = v2.GetProperty("findings")[0].GetProperty("ruleId").GetString();
        var byProvider = await (await app.ClientForAsync(DemoUsers.ProviderOperator, ct)).PostAsJsonAsync(
            $"/api/v1/clusters/{clusterId}/configuration/realms/{ConfigurationApp.RealmName}/accepted-risks",
            new { ruleId = ruleToAccept, reason = "Compensated by the network perimeter", expiresAt = app.Clock.GetUtcNow().AddDays(90) }, ct);
        var accepted = await acme.PostAsJsonAsync($"/api/v1/clusters/{clusterId}/configuration/realms/{ConfigurationApp.RealmName}/accepted-risks",
            new { ruleId = ruleToAccept, reason = "Compensated by the network perimeter", expiresAt = app.Clock.GetUtcNow().AddDays(90) }, ct);
        var v3 = await acme.GetFromJsonAsync<JsonElement>(auditUrl, ct);

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        var first = v1.GetProperty("findings").EnumerateArray().ToList();
        var bruteForce = Assert.Single(first, f => f.GetProperty("ruleId").GetString() == "KC-REALM-003");
        Assert.Equal("$.bruteForceProtected", bruteForce.GetProperty("path").GetString());
        Assert.NotEmpty(bruteForce.GetProperty("references").EnumerateArray());
        Assert.False(string.IsNullOrEmpty(bruteForce.GetProperty("rationale").GetString()));
        Assert.DoesNotContain(v2.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "KC-REALM-003");
        Assert.Equal(2, v2.GetProperty("trend").GetArrayLength());
        Assert.True(v2.GetProperty("score").GetInt32() > v1.GetProperty("score").GetInt32());
        Assert.Equal(v1.GetProperty("score").GetInt32(), v2.GetProperty("trend")[0].GetProperty("score").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, byProvider.StatusCode);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        var acceptedFinding = v3.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("ruleId").GetString() == ruleToAccept);
        Assert.Equal(DemoUsers.AcmeAdmin, acceptedFinding.GetProperty("acceptedRisk").GetProperty("approvedBy").GetString());
        Assert.True(v3.GetProperty("score").GetInt32() > v2.GetProperty("score").GetInt32());
    }

    [Fact]
    public async Task A_finding_becomes_a_change_request_draft_on_the_realm_for_the_client_to_decide()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await KeycloakSimulator.KeycloakSimulator.StartWithMasterAsync(ct);
        var realm = sim.AddRealm(ConfigurationApp.RealmWithSecrets());
        realm.Realm["bruteForceProtected"] = false;
        await using var app = new ConfigurationApp();
        var clusterId = await app.AcmeClusterOnAsync(sim, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        await ConfigurationSnapshotTests.TakeAsync(acme, clusterId, ConfigurationApp.RealmName, ct);
        var proposeUrl = $"/api/v1/clusters/{clusterId}/configuration/realms/{ConfigurationApp.RealmName}/findings/propose-change";

        var proposed = await provider.PostAsJsonAsync(proposeUrl, new { ruleId = "KC-REALM-003" }, ct);
        var unknown = await provider.PostAsJsonAsync(proposeUrl, new { ruleId = "KC-NOPE-999" }, ct);
        var change = await proposed.Content.ReadFromJsonAsync<JsonElement>(ct);
        var seenByClient = await acme.GetAsync($"/api/v1/changes/{change.GetProperty("id").GetGuid()}", ct);
        var notices = await acme.GetFromJsonAsync<JsonElement>("/api/v1/notifications?unread=true", ct);

        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.StartsWith("Fix KC-REALM-003", change.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("$.bruteForceProtected", change.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("draft", change.GetProperty("status").GetString()!.ToLowerInvariant());
        Assert.Equal(HttpStatusCode.OK, seenByClient.StatusCode);
        Assert.Contains(notices.GetProperty("items").EnumerateArray(),
            n => n.GetProperty("subject").GetString()!.StartsWith($"Change proposed for realm {ConfigurationApp.RealmName}", StringComparison.Ordinal));
    }
}
