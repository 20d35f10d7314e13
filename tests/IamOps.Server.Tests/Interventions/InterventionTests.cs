using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IamOps.Server.Modules.Raci;
using IamOps.Server.Tests.Infrastructure;
using IamOps.Server.Tests.Raci;

namespace IamOps.Server.Tests.Interventions;

public sealed class InterventionTests(IamOpsApp app) : IClassFixture<IamOpsApp>
{
    public static TheoryData<string> Providers => TestDatabases.Providers();

    [Fact]
    public async Task A_client_may_ask_for_provider_work_but_only_the_provider_performs_it_and_the_client_is_informed()
    {
        var ct = TestContext.Current.CancellationToken;
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var operatorClient = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var title = $"Login errors {Guid.NewGuid():N}";

        var created = await acme.PostAsJsonAsync("/api/v1/interventions",
            new { activityKey = RaciActivities.IncidentManagement, title, description = "Users see 502 on login." }, ct);
        var intervention = await created.JsonAsync(ct);
        var id = intervention.GetProperty("id").GetGuid();
        var byClient = await acme.PostAsJsonAsync($"/api/v1/interventions/{id}/complete", new { report = "done by us" }, ct);
        var refusal = await byClient.JsonAsync(ct);
        var byProvider = await operatorClient.PostAsJsonAsync($"/api/v1/interventions/{id}/complete", new { report = "Restarted node 2." }, ct);
        var notices = await acme.GetFromJsonAsync<JsonElement>("/api/v1/notifications?pageSize=200", ct);
        var subjects = notices.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("subject").GetString()).ToList();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/interventions/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("open", intervention.GetProperty("status").GetString());
        Assert.Equal("Provider", intervention.GetProperty("assignedParty").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, byClient.StatusCode);
        Assert.Contains("Perform Incident management tasks", refusal.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("only the provider (CLOUD-IAM), holding R, may perform it", refusal.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, byProvider.StatusCode);
        Assert.Equal("done", (await byProvider.JsonAsync(ct)).GetProperty("status").GetString());
        Assert.Contains($"Intervention opened: {title}", subjects);
        Assert.Contains($"Work done: {title}", subjects);
    }

    [Fact]
    public async Task Each_step_is_audited_with_the_activity_key_it_performs()
    {
        var ct = TestContext.Current.CancellationToken;
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var operatorClient = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var acmeId = await acme.OwnOrganisationIdAsync(ct);

        var created = await (await operatorClient.PostAsJsonAsync("/api/v1/interventions",
            new { clientOrganisationId = acmeId, activityKey = RaciActivities.OnDemandInventory, title = "Inventory", description = "Q1 inventory" }, ct)).JsonAsync(ct);
        var id = created.GetProperty("id").GetGuid();
        (await operatorClient.PostAsJsonAsync($"/api/v1/interventions/{id}/complete", new { report = "Inventory attached." }, ct)).EnsureSuccessStatusCode();
        var entries = (await acme.GetStringAsync("/api/v1/audit-trail/export", ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("entityType").GetString() == "Intervention" && e.GetProperty("entityId").GetString() == id.ToString())
            .ToList();

        Assert.Equal(["created", "updated"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.Equal(RaciActivities.OnDemandInventory, e.GetProperty("activityKey").GetString()));
        Assert.Equal("done", entries[1].GetProperty("after").GetProperty("Status").GetString());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Work_with_an_accountable_party_stands_only_once_that_party_approves(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var own = IamOpsApp.On(provider);
        var operatorClient = await own.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var acme = await own.ClientForAsync(DemoUsers.AcmeContact, ct);
        var acmeId = await acme.OwnOrganisationIdAsync(ct);

        var created = await (await operatorClient.PostAsJsonAsync("/api/v1/interventions", new
        {
            clientOrganisationId = acmeId, activityKey = RaciActivities.DatabaseChangePromotion, title = "Add index", description = "Index on user_entity.email",
        }, ct)).JsonAsync(ct);
        var id = created.GetProperty("id").GetGuid();
        var completed = await (await operatorClient.PostAsJsonAsync($"/api/v1/interventions/{id}/complete", new { report = "Index created." }, ct)).JsonAsync(ct);
        var awaiting = await acme.GetFromJsonAsync<JsonElement>("/api/v1/interventions?status=awaiting-approval", ct);
        var providerApproves = await operatorClient.PostAsJsonAsync($"/api/v1/interventions/{id}/approve", new { }, ct);
        var clientApproves = await acme.PostAsJsonAsync($"/api/v1/interventions/{id}/approve", new { reason = "Checked in staging." }, ct);
        var again = await acme.PostAsJsonAsync($"/api/v1/interventions/{id}/approve", new { }, ct);
        var conflict = await again.JsonAsync(ct);
        var final = await acme.GetFromJsonAsync<JsonElement>($"/api/v1/interventions/{id}", ct);

        Assert.Equal("awaiting-approval", completed.GetProperty("status").GetString());
        Assert.Equal("Client", completed.GetProperty("approverParty").GetString());
        Assert.Equal(["approve", "reject"], completed.GetProperty("allowed").Strings());
        Assert.Equal([id], awaiting.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.Forbidden, providerApproves.StatusCode);
        Assert.Equal(HttpStatusCode.OK, clientApproves.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("done", conflict.GetProperty("state").GetString());
        Assert.Empty(conflict.GetProperty("allowed").Strings());
        Assert.Equal("done", final.GetProperty("status").GetString());
        Assert.Equal(DemoUsers.AcmeContact, final.GetProperty("decidedBy").GetString());
        Assert.Equal("Checked in staging.", final.GetProperty("decisionReason").GetString());
    }

    [Fact]
    public async Task Rejecting_needs_a_reason_and_a_rejected_intervention_allows_nothing_more()
    {
        var ct = TestContext.Current.CancellationToken;
        var operatorClient = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var acmeId = await acme.OwnOrganisationIdAsync(ct);
        var id = (await (await operatorClient.PostAsJsonAsync("/api/v1/interventions", new
        {
            clientOrganisationId = acmeId, activityKey = RaciActivities.DatabaseChangePromotion, title = "Drop column", description = "Remove legacy column",
        }, ct)).JsonAsync(ct)).GetProperty("id").GetGuid();

        var approveTooEarly = await acme.PostAsJsonAsync($"/api/v1/interventions/{id}/approve", new { }, ct);
        var early = await approveTooEarly.JsonAsync(ct);
        (await operatorClient.PostAsJsonAsync($"/api/v1/interventions/{id}/complete", new { report = "Column dropped." }, ct)).EnsureSuccessStatusCode();
        var noReason = await acme.PostAsJsonAsync($"/api/v1/interventions/{id}/reject", new { }, ct);
        var rejected = await acme.PostAsJsonAsync($"/api/v1/interventions/{id}/reject", new { reason = "Not announced to our DBAs." }, ct);
        var completeAgain = await operatorClient.PostAsJsonAsync($"/api/v1/interventions/{id}/complete", new { report = "again" }, ct);
        var contributeAfter = await operatorClient.PostAsJsonAsync($"/api/v1/interventions/{id}/contributions", new { text = "late" }, ct);

        Assert.Equal(HttpStatusCode.Conflict, approveTooEarly.StatusCode);
        Assert.Equal(["complete"], early.GetProperty("allowed").Strings());
        Assert.Equal("open", early.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.JsonAsync(ct)).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal("rejected", (await rejected.JsonAsync(ct)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, completeAgain.StatusCode);
        Assert.Empty((await completeAgain.JsonAsync(ct)).GetProperty("allowed").Strings());
        Assert.Equal(HttpStatusCode.Conflict, contributeAfter.StatusCode);
    }

    [Fact]
    public async Task A_pending_consultation_blocks_completion_until_the_consulted_party_answers()
    {
        var ct = TestContext.Current.CancellationToken;
        var operatorClient = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeContact, ct);
        var viewer = await app.ClientForAsync(DemoUsers.AcmeViewer, ct);
        var acmeId = await acme.OwnOrganisationIdAsync(ct);

        var created = await (await operatorClient.PostAsJsonAsync("/api/v1/interventions", new
        {
            clientOrganisationId = acmeId, activityKey = RaciActivities.BackupPolicyDefinition, title = "Backup policy", description = "Daily, 30 days",
        }, ct)).JsonAsync(ct);
        var id = created.GetProperty("id").GetGuid();
        var consultation = created.GetProperty("consultations").EnumerateArray().Single();
        var cid = consultation.GetProperty("id").GetGuid();
        var blocked = await operatorClient.PostAsJsonAsync($"/api/v1/interventions/{id}/complete", new { report = "Policy set." }, ct);
        var blockedProblem = await blocked.JsonAsync(ct);
        var byProvider = await operatorClient.PostAsJsonAsync($"/api/v1/interventions/{id}/consultations/{cid}/respond", new { text = "ok" }, ct);
        var byViewer = await viewer.PostAsJsonAsync($"/api/v1/interventions/{id}/consultations/{cid}/respond", new { text = "ok" }, ct);
        var answered = await acme.PostAsJsonAsync($"/api/v1/interventions/{id}/consultations/{cid}/respond", new { text = "Keep 35 days please." }, ct);
        var twice = await acme.PostAsJsonAsync($"/api/v1/interventions/{id}/consultations/{cid}/respond", new { text = "again" }, ct);
        var completed = await operatorClient.PostAsJsonAsync($"/api/v1/interventions/{id}/complete", new { report = "Policy set, 35 days." }, ct);

        Assert.Equal("Client", consultation.GetProperty("party").GetString());
        Assert.Equal("pending", consultation.GetProperty("state").GetString());
        Assert.Equal(app.Clock.GetUtcNow().AddDays(2), consultation.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        Assert.Contains("waits for input from the client", blockedProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(cid, blockedProblem.GetProperty("pendingConsultations")[0].GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.Forbidden, byProvider.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal("answered", (await answered.JsonAsync(ct)).GetProperty("consultations")[0].GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal("done", (await completed.JsonAsync(ct)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_support_party_contributes_and_a_party_with_no_S_or_R_may_not()
    {
        var ct = TestContext.Current.CancellationToken;
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var operatorClient = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);

        var config = (await (await acme.PostAsJsonAsync("/api/v1/interventions", new
        {
            activityKey = RaciActivities.KeycloakConfigurationByClient, title = "Enable brute-force detection", description = "Realm acme",
        }, ct)).JsonAsync(ct)).GetProperty("id").GetGuid();
        var incident = (await (await acme.PostAsJsonAsync("/api/v1/interventions", new
        {
            activityKey = RaciActivities.IncidentManagement, title = "Slow logins", description = "p95 > 2s",
        }, ct)).JsonAsync(ct)).GetProperty("id").GetGuid();

        var providerHelps = await operatorClient.PostAsJsonAsync($"/api/v1/interventions/{config}/contributions", new { text = "Suggest 5 failures, 15 min." }, ct);
        var providerCompletes = await operatorClient.PostAsJsonAsync($"/api/v1/interventions/{config}/complete", new { report = "x" }, ct);
        var clientCompletes = await acme.PostAsJsonAsync($"/api/v1/interventions/{config}/complete", new { report = "Enabled." }, ct);
        var clientApproves = await acme.PostAsJsonAsync($"/api/v1/interventions/{config}/approve", new { }, ct);
        var clientOnIncident = await acme.PostAsJsonAsync($"/api/v1/interventions/{incident}/contributions", new { text = "Also on mobile." }, ct);

        Assert.Equal(HttpStatusCode.Created, providerHelps.StatusCode);
        var contribution = (await providerHelps.JsonAsync(ct)).GetProperty("contributions").EnumerateArray().Single();
        Assert.Equal("Provider", contribution.GetProperty("party").GetString());
        Assert.Equal(DemoUsers.ProviderOperator, contribution.GetProperty("author").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, providerCompletes.StatusCode);
        Assert.Equal("awaiting-approval", (await clientCompletes.JsonAsync(ct)).GetProperty("status").GetString());
        Assert.Equal("done", (await clientApproves.JsonAsync(ct)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, clientOnIncident.StatusCode);
        Assert.Contains("contribute to", (await clientOnIncident.JsonAsync(ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "no activity key was given")]
    [InlineData("change-management/rewrite-our-mobile-app", "no row of the client's contract has the key 'change-management/rewrite-our-mobile-app'")]
    public async Task Work_no_row_covers_becomes_a_quote_request(string? activityKey, string reason)
    {
        var ct = TestContext.Current.CancellationToken;
        var acme = await app.ClientForAsync(DemoUsers.AcmeContact, ct);

        var response = await acme.PostAsJsonAsync("/api/v1/interventions",
            new { activityKey, title = "Custom theme", description = "Build a Keycloak login theme." }, ct);
        var body = await response.JsonAsync(ct);
        var location = body.GetProperty("location").GetString()!;
        var quote = await acme.GetFromJsonAsync<JsonElement>(location, ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("quote-request", body.GetProperty("kind").GetString());
        Assert.Equal(location, response.Headers.Location?.OriginalString);
        Assert.Contains(reason, body.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(body.GetProperty("id").GetGuid(), quote.GetProperty("id").GetGuid());
        Assert.Equal("requested", quote.GetProperty("status").GetString());
        Assert.Equal("Custom theme", quote.GetProperty("title").GetString());
        Assert.Equal(DemoUsers.AcmeContact, quote.GetProperty("requestedBy").GetString());
    }

    [Fact]
    public async Task A_client_cannot_see_or_act_on_another_clients_intervention()
    {
        var ct = TestContext.Current.CancellationToken;
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var globex = await app.ClientForAsync(DemoUsers.GlobexAdmin, ct);
        var id = (await (await acme.PostAsJsonAsync("/api/v1/interventions", new
        {
            activityKey = RaciActivities.KeycloakConfigurationByClient, title = "Acme only", description = "secret",
        }, ct)).JsonAsync(ct)).GetProperty("id").GetGuid();

        var read = await globex.GetAsync($"/api/v1/interventions/{id}", ct);
        var complete = await globex.PostAsJsonAsync($"/api/v1/interventions/{id}/complete", new { report = "x" }, ct);
        var list = await globex.GetFromJsonAsync<JsonElement>("/api/v1/interventions?pageSize=200", ct);

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, complete.StatusCode);
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task The_provider_must_name_an_existing_client_and_a_viewer_may_not_ask()
    {
        var ct = TestContext.Current.CancellationToken;
        var operatorClient = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var viewer = await app.ClientForAsync(DemoUsers.AcmeViewer, ct);

        var unnamed = await operatorClient.PostAsJsonAsync("/api/v1/interventions",
            new { activityKey = RaciActivities.IncidentManagement, title = "t", description = "d" }, ct);
        var unknown = await operatorClient.PostAsJsonAsync("/api/v1/interventions",
            new { clientOrganisationId = Guid.NewGuid(), activityKey = RaciActivities.IncidentManagement, title = "t", description = "d" }, ct);
        var byViewer = await viewer.PostAsJsonAsync("/api/v1/interventions",
            new { activityKey = RaciActivities.IncidentManagement, title = "t", description = "d" }, ct);

        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
        Assert.True((await unnamed.JsonAsync(ct)).GetProperty("errors").TryGetProperty("clientOrganisationId", out _));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
    }
}
