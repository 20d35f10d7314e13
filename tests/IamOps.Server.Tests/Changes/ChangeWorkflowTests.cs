using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IamOps.Server.Data;
using IamOps.Server.Modules.Changes;
using IamOps.Server.Modules.Incidents;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Tests.Infrastructure;
using IamOps.Server.Tests.Raci;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IamOps.Server.Tests.Changes;

public sealed class ChangeWorkflowTests(IamOpsApp app) : IClassFixture<IamOpsApp>
{
    public static TheoryData<string> Providers => TestDatabases.Providers();

    [Fact]
    public async Task A_change_shows_its_computed_type_and_the_reasons()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var cluster = await provider.ClusterIdAsync("acme-prod", ct);

        var change = await provider.CreateChangeAsync(new
        {
            title = "Keycloak 26 → 27", description = "Major upgrade", targets = new[] { new { clusterId = cluster } },
            scores = new { complexity = 3, importance = 3, serviceImpact = 2, irreversibility = 2 },
        }, ct);
        var classification = change.GetProperty("classification");

        Assert.Equal("draft", change.GetProperty("status").GetString());
        Assert.Equal("Major", classification.GetProperty("effective").GetString());
        Assert.Contains("total 10 of 12 is 10 or more: Major", classification.GetProperty("reasons").Strings());
    }

    [Fact]
    public async Task An_override_of_the_type_needs_a_justification_and_is_audited()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderManager, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var cluster = await provider.ClusterIdAsync("acme-prod", ct);
        var id = (await provider.CreateChangeAsync(new { title = "Theme", description = "New login theme", targets = new[] { new { clusterId = cluster } } }, ct)).GetProperty("id").GetGuid();

        var bare = await provider.PostAsJsonAsync($"/api/v1/changes/{id}/classification", new { type = "Medium", justification = "" }, ct);
        var byClient = await acme.PostAsJsonAsync($"/api/v1/changes/{id}/classification", new { type = "Medium", justification = "We think it matters more." }, ct);
        var justified = await ChangesApi.OkAsync(provider.PostAsJsonAsync($"/api/v1/changes/{id}/classification",
            new { type = "Medium", justification = "Black Friday week: every login page change matters." }, ct), ct);
        var audit = (await acme.GetStringAsync("/api/v1/audit-trail/export", ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("entityId").GetString() == id.ToString()).ToList();

        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byClient.StatusCode);
        Assert.Equal("Minor", justified.GetProperty("classification").GetProperty("computed").GetString());
        Assert.Equal("Medium", justified.GetProperty("classification").GetProperty("effective").GetString());
        Assert.Contains("classification-overridden", audit.Select(e => e.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task Approval_waits_for_the_clients_consultation_until_it_answers()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeContact, ct);
        var cluster = await provider.ClusterIdAsync("acme-staging", ct);
        var id = (await provider.CreateChangeAsync(new { title = "SMTP", description = "New relay", targets = new[] { new { clusterId = cluster } } }, ct)).GetProperty("id").GetGuid();

        var submitted = await ChangesApi.OkAsync(provider.PostAsync($"/api/v1/changes/{id}/submit", null, ct), ct);
        var early = await provider.PostAsJsonAsync($"/api/v1/changes/{id}/approve", new { comment = "go" }, ct);
        await ChangesApi.OkAsync(acme.PostAsJsonAsync($"/api/v1/changes/{id}/contributions", new { text = "Relay is smtp.acme.example:587" }, ct), ct);
        await ChangesApi.OkAsync(acme.PostAsJsonAsync($"/api/v1/changes/{id}/consultations/0/respond", new { response = "OK" }, ct), ct);
        var approved = await ChangesApi.OkAsync(provider.PostAsJsonAsync($"/api/v1/changes/{id}/approve", new { comment = "go" }, ct), ct);

        Assert.Equal("in-review", submitted.GetProperty("status").GetString());
        Assert.Equal("Client", submitted.GetProperty("consultations")[0].GetProperty("consultedParty").GetString());
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("Client is consulted (C)", (await early.JsonAsync(ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Single(approved.GetProperty("contributions").EnumerateArray());
    }

    [Fact]
    public async Task A_database_change_promoted_to_production_is_approved_by_the_client_and_the_provider_gets_a_403_citing_the_row()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderAdmin, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var cluster = await provider.ClusterIdAsync("acme-prod", ct);
        var id = (await provider.CreateChangeAsync(new
        {
            title = "Index on user_entity.email", description = "CREATE INDEX CONCURRENTLY", targets = new[] { new { clusterId = cluster, kind = "database", name = "keycloak" } },
        }, ct)).GetProperty("id").GetGuid();
        await ChangesApi.OkAsync(provider.PostAsync($"/api/v1/changes/{id}/submit", null, ct), ct);

        var byProvider = await provider.PostAsJsonAsync($"/api/v1/changes/{id}/approve", new { comment = "go" }, ct);
        var problem = await byProvider.JsonAsync(ct);
        await ChangesApi.OkAsync(acme.PostAsJsonAsync($"/api/v1/changes/{id}/consultations/0/respond", new { response = "Reviewed" }, ct), ct);
        var byClient = await ChangesApi.OkAsync(acme.PostAsJsonAsync($"/api/v1/changes/{id}/approve", new { comment = "Approved for production" }, ct), ct);

        Assert.Equal(HttpStatusCode.Forbidden, byProvider.StatusCode);
        Assert.Contains("Promoting the changes on the databases", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["Client"], problem.GetProperty("allowedParties").Strings());
        Assert.Equal("approved", byClient.GetProperty("status").GetString());
        Assert.Equal("Client", byClient.GetProperty("approvals")[0].GetProperty("party").GetString());
    }

    [Fact]
    public async Task A_change_cannot_be_closed_without_its_activity_report_and_a_major_one_is_told_to_the_client()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeViewer, ct);
        var cluster = await provider.ClusterIdAsync("acme-staging", ct);
        var id = await ChangesApi.ApprovedChangeAsync(app, cluster, ct, scores: [3, 3, 2, 2], title: $"Major {Guid.NewGuid():N}");
        await ChangesApi.OkAsync(provider.ScheduleAsync(id, "2026-03-12T09:00:00+01:00", "2026-03-12T12:00:00+01:00", ct), ct);
        await ChangesApi.OkAsync(provider.PostAsync($"/api/v1/changes/{id}/start", null, ct), ct);
        await ChangesApi.OkAsync(provider.PostAsJsonAsync($"/api/v1/changes/{id}/complete", new { note = "All nodes on 27" }, ct), ct);

        var unreported = await provider.PostAsync($"/api/v1/changes/{id}/close", null, ct);
        var reportedByClient = await acme.PostAsJsonAsync($"/api/v1/changes/{id}/report", new { report = "mine" }, ct);
        await ChangesApi.OkAsync(provider.PostAsJsonAsync($"/api/v1/changes/{id}/report", new { report = "Upgraded 2 nodes, 4 min of degraded login." }, ct), ct);
        var closed = await ChangesApi.OkAsync(provider.PostAsync($"/api/v1/changes/{id}/close", null, ct), ct);
        var notices = await acme.GetFromJsonAsync<JsonElement>("/api/v1/notifications?pageSize=200", ct);
        var subjects = notices.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("subject").GetString()!).ToList();

        Assert.Equal(HttpStatusCode.Conflict, unreported.StatusCode);
        Assert.Contains("activity report is required", (await unreported.JsonAsync(ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, reportedByClient.StatusCode);
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Contains(subjects, s => s.StartsWith("Major change scheduled", StringComparison.Ordinal));
        Assert.Contains(subjects, s => s.StartsWith("Major change completed", StringComparison.Ordinal));
        Assert.Contains(subjects, s => s.StartsWith("Activity report", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_urgent_change_outside_working_hours_agreed_by_both_parties_is_handled_as_an_incident(string dbProvider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var own = IamOpsApp.On(dbProvider);
        var provider = await own.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var acme = await own.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var cluster = await provider.ClusterIdAsync("acme-prod", ct);
        var id = (await provider.CreateChangeAsync(new
        {
            title = "Revoke leaked client secret", description = "Rotate the secret of the shop client", urgent = true,
            targets = new[] { new { clusterId = cluster, kind = "realm", name = "shop" } },
            scores = new { complexity = 2, importance = 2, serviceImpact = 2, irreversibility = 1 },
        }, ct)).GetProperty("id").GetGuid();
        await ChangesApi.OkAsync(provider.PostAsync($"/api/v1/changes/{id}/submit", null, ct), ct);
        await ChangesApi.OkAsync(acme.PostAsJsonAsync($"/api/v1/changes/{id}/consultations/0/respond", new { response = "Yes, tonight" }, ct), ct);
        var oneApproval = await ChangesApi.OkAsync(provider.PostAsJsonAsync($"/api/v1/changes/{id}/approve", new { comment = "Urgent" }, ct), ct);
        var tooEarly = await provider.ScheduleAsync(id, "2026-03-07T21:00:00+01:00", "2026-03-07T22:00:00+01:00", ct);
        var both = await ChangesApi.OkAsync(acme.PostAsJsonAsync($"/api/v1/changes/{id}/approve", new { comment = "Agreed" }, ct), ct);
        var scheduled = await ChangesApi.OkAsync(provider.ScheduleAsync(id, "2026-03-07T21:00:00+01:00", "2026-03-07T22:00:00+01:00", ct), ct);

        Assert.Equal("Medium", oneApproval.GetProperty("classification").GetProperty("effective").GetString());
        Assert.Equal("in-review", oneApproval.GetProperty("status").GetString());
        Assert.Equal(["Client"], oneApproval.GetProperty("approversNeeded").Strings());
        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        Assert.Equal(["Provider", "Client"], both.GetProperty("approvals").EnumerateArray().Select(a => a.GetProperty("party").GetString()));
        var incidentId = scheduled.GetProperty("incidentId").GetGuid();
        using var scope = own.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        var incident = await scope.ServiceProvider.GetRequiredService<IamOpsDb>().Set<Incident>().SingleAsync(i => i.Id == incidentId, ct);
        Assert.Equal(IncidentSource.UrgentChange, incident.Source);
        Assert.Equal(IncidentSeverity.P2, incident.Severity);
        Assert.Contains(new IncidentLink(IncidentLinkKind.ChangeRequest, id.ToString()), incident.Links);
        Assert.Equal([cluster], incident.ClusterIds);
    }

    [Fact]
    public async Task An_urgent_major_change_gets_no_exception_outside_working_hours()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var cluster = await provider.ClusterIdAsync("acme-staging", ct);
        var id = await ChangesApi.ApprovedChangeAsync(app, cluster, ct, scores: [3, 3, 3, 3], urgent: true);

        var refused = await provider.ScheduleAsync(id, "2026-03-14T21:00:00+01:00", "2026-03-14T22:00:00+01:00", ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("working-hours", (await refused.JsonAsync(ct)).GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Scripts_are_versioned_with_their_sha256()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeContact, ct);
        var cluster = await provider.ClusterIdAsync("acme-prod", ct);
        var id = (await provider.CreateChangeAsync(new { title = "Realm export", description = "Scripted", targets = new[] { new { clusterId = cluster } } }, ct)).GetProperty("id").GetGuid();

        await ChangesApi.OkAsync(acme.PostAsJsonAsync($"/api/v1/changes/{id}/attachments", new { name = "migrate.sh", kind = "script", content = "echo v1" }, ct), ct);
        var second = await ChangesApi.OkAsync(acme.PostAsJsonAsync($"/api/v1/changes/{id}/attachments", new { name = "migrate.sh", kind = "script", content = "echo v2" }, ct), ct);
        var change = await acme.GetFromJsonAsync<JsonElement>($"/api/v1/changes/{id}", ct);
        var content = await acme.GetFromJsonAsync<JsonElement>($"/api/v1/changes/{id}/attachments/{second.GetProperty("id").GetGuid()}", ct);

        Assert.Equal(2, second.GetProperty("version").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("echo v2"))), second.GetProperty("sha256").GetString());
        Assert.Equal([2, 1], change.GetProperty("attachments").EnumerateArray().Select(a => a.GetProperty("version").GetInt32()));
        Assert.Equal("echo v2", content.GetProperty("content").GetString());
    }

    [Fact]
    public async Task A_client_declares_a_change_in_its_own_environment_and_the_provider_is_informed()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeContact, ct);
        var cluster = await acme.ClusterIdAsync("acme-prod", ct);
        var title = $"Firewall change {Guid.NewGuid():N}";
        var body = new { title, description = "New egress rules towards the IdP", targets = new[] { new { clusterId = cluster } }, plannedStart = "2026-03-10T20:00:00Z", plannedEnd = "2026-03-10T21:00:00Z" };

        var declared = await acme.PostAsJsonAsync("/api/v1/changes/declarations", body, ct);
        var byProvider = await provider.PostAsJsonAsync("/api/v1/changes/declarations", body, ct);
        var notices = await provider.GetFromJsonAsync<JsonElement>("/api/v1/notifications?pageSize=200", ct);

        Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
        Assert.Equal("declared", (await declared.JsonAsync(ct)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, byProvider.StatusCode);
        Assert.Contains(notices.GetProperty("items").EnumerateArray(), n => n.GetProperty("subject").GetString() == $"Planned change in the client's environment: {title}");
    }

    [Fact]
    public async Task The_approved_change_lookup_finds_changes_whose_window_covers_the_moment()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var cluster = await provider.ClusterIdAsync("acme-staging", ct);
        var id = await ChangesApi.ApprovedChangeAsync(app, cluster, ct, title: "Covered");
        await ChangesApi.OkAsync(provider.ScheduleAsync(id, "2026-03-19T14:00:00+01:00", "2026-03-19T15:00:00+01:00", ct), ct);

        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        var lookup = scope.ServiceProvider.GetRequiredService<IApprovedChangeLookup>();
        var inside = await lookup.CoveringAsync(cluster, new DateTimeOffset(2026, 3, 19, 13, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 19, 13, 31, 0, TimeSpan.Zero), ct);
        var outside = await lookup.CoveringAsync(cluster, new DateTimeOffset(2026, 3, 19, 15, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 19, 16, 0, 0, TimeSpan.Zero), ct);

        Assert.Contains(inside, c => c.Id == id);
        Assert.DoesNotContain(outside, c => c.Id == id);
    }
}
