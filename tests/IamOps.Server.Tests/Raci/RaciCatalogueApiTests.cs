using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IamOps.Server.Modules.Raci;
using IamOps.Server.Tests.Infrastructure;

namespace IamOps.Server.Tests.Raci;

public sealed class RaciCatalogueApiTests(IamOpsApp app) : IClassFixture<IamOpsApp>
{
    public static TheoryData<string> Providers => TestDatabases.Providers();

    [Fact]
    public async Task The_matrix_lists_sections_in_seed_order_with_cells_as_the_seed_writes_them()
    {
        var ct = TestContext.Current.CancellationToken;
        var acme = await app.ClientForAsync(DemoUsers.AcmeViewer, ct);
        var contractId = await acme.OwnContractIdAsync(ct);

        var matrix = await acme.GetFromJsonAsync<JsonElement>($"/api/v1/contracts/{contractId}/raci", ct);
        var sections = matrix.GetProperty("sections").EnumerateArray().ToList();
        var rows = sections.SelectMany(s => s.GetProperty("tables").EnumerateArray()).SelectMany(t => t.GetProperty("rows").EnumerateArray()).ToList();
        JsonElement Row(string text) => rows.Single(r => r.GetProperty("text").GetString()!.StartsWith(text, StringComparison.Ordinal));

        Assert.Equal(contractId, matrix.GetProperty("contractId").GetGuid());
        Assert.Equal(
            ["Incident Management", "Change Management", "Configuration Management", "Performance Management", "Availability management",
             "Monitoring and Control of Systems", "Operational operations", "Backup management", "System and Technical Support",
             "Technical administration of databases"],
            sections.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(68, rows.Count);
        Assert.Equal("R , A", Row("Ensure that the audit functionalities").GetProperty("clientCell").GetString());
        Assert.Equal("R,A", Row("Ensure that the audit functionalities").GetProperty("client").GetString());
        Assert.Equal("\u0399", Row("Monitor system resources").GetProperty("clientCell").GetString());
        Assert.Equal("I", Row("Monitor system resources").GetProperty("client").GetString());
        Assert.Equal("", Row("Monitoring space allocation").GetProperty("clientCell").GetString());
        Assert.Equal("CLOUD-IAM SYSTEM", sections[3].GetProperty("tables")[0].GetProperty("providerHeading").GetString());
    }

    [Fact]
    public async Task A_client_cannot_read_another_clients_matrix_or_activities()
    {
        var ct = TestContext.Current.CancellationToken;
        var globex = await app.ClientForAsync(DemoUsers.GlobexAdmin, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var acmeContract = await acme.OwnContractIdAsync(ct);

        var matrix = await globex.GetAsync($"/api/v1/contracts/{acmeContract}/raci", ct);
        var activities = await globex.GetAsync($"/api/v1/raci/activities?contractId={acmeContract}", ct);

        Assert.Equal(HttpStatusCode.NotFound, matrix.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, activities.StatusCode);
    }

    [Fact]
    public async Task Activities_without_a_contract_are_the_default_catalogue()
    {
        var ct = TestContext.Current.CancellationToken;
        var acme = await app.ClientForAsync(DemoUsers.AcmeContact, ct);
        var contractId = await acme.OwnContractIdAsync(ct);

        var defaults = await acme.GetFromJsonAsync<JsonElement>("/api/v1/raci/activities", ct);
        var own = await acme.GetFromJsonAsync<JsonElement>($"/api/v1/raci/activities?contractId={contractId}", ct);

        Assert.Equal(RaciCatalogue.Default.Select(a => a.Key), defaults.EnumerateArray().Select(a => a.GetProperty("key").GetString()));
        Assert.Equal(68, own.GetArrayLength());
        var first = defaults[0];
        Assert.Equal("Incident Management", first.GetProperty("section").GetString());
        Assert.Equal("INCIDENT MANAGEMENT", first.GetProperty("table").GetString());
        Assert.Equal("R", first.GetProperty("provider").GetString());
        Assert.Equal("I", first.GetProperty("client").GetString());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_provider_manager_edits_letters_and_the_change_is_audited_before_and_after(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var own = IamOpsApp.On(provider);
        var manager = await own.ClientForAsync(DemoUsers.ProviderManager, ct);
        var acme = await own.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var contractId = await acme.OwnContractIdAsync(ct);
        const string key = "availability-management/set-up-the-backup-policy";

        var response = await manager.PutAsJsonAsync($"/api/v1/contracts/{contractId}/raci/{key}", new { provider = "R", client = "I,S" }, ct);
        var updated = await response.JsonAsync(ct);
        var matrix = await acme.GetFromJsonAsync<JsonElement>($"/api/v1/contracts/{contractId}/raci", ct);
        var export = await acme.GetStringAsync("/api/v1/audit-trail/export", ct);
        var entry = export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Last(e => e.GetProperty("entityType").GetString() == "ContractActivity" && e.GetProperty("action").GetString() == "updated");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("I,S", updated.GetProperty("client").GetString());
        Assert.Equal("I, S", updated.GetProperty("clientCell").GetString());
        var row = matrix.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("tables").EnumerateArray())
            .SelectMany(t => t.GetProperty("rows").EnumerateArray()).Single(r => r.GetProperty("key").GetString() == key);
        Assert.Equal("I,S", row.GetProperty("client").GetString());
        Assert.Equal(DemoUsers.ProviderManager, entry.GetProperty("actor").GetString());
        Assert.Equal("I", entry.GetProperty("before").GetProperty("ClientLetters").GetString());
        Assert.Equal("I,S", entry.GetProperty("after").GetProperty("ClientLetters").GetString());
        Assert.Equal(key, entry.GetProperty("after").GetProperty("Key").GetString());
    }

    [Fact]
    public async Task Clients_and_provider_operators_may_not_edit_the_catalogue()
    {
        var ct = TestContext.Current.CancellationToken;
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var operatorClient = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var contractId = await acme.OwnContractIdAsync(ct);
        var url = $"/api/v1/contracts/{contractId}/raci/{RaciActivities.IncidentManagement}";

        var byClient = await acme.PutAsJsonAsync(url, new { provider = "I", client = "R" }, ct);
        var byOperator = await operatorClient.PutAsJsonAsync(url, new { provider = "I", client = "R" }, ct);
        var activities = await acme.GetFromJsonAsync<JsonElement>($"/api/v1/raci/activities?contractId={contractId}", ct);
        var row = activities.EnumerateArray().Single(a => a.GetProperty("key").GetString() == RaciActivities.IncidentManagement);

        Assert.Equal(HttpStatusCode.Forbidden, byClient.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        Assert.Contains("needs party Provider", (await byClient.JsonAsync(ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("role manager or admin; you are Provider with role operator", (await byOperator.JsonAsync(ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("R", row.GetProperty("provider").GetString());
        Assert.Equal("I", row.GetProperty("client").GetString());
    }

    [Theory]
    [InlineData("X", "I", "provider")]
    [InlineData("R", "I,,S", "client")]
    [InlineData("R", "\u0399", "client")]
    [InlineData("R", "R", "client")]
    [InlineData("I", "I", "provider")]
    [InlineData("R", "I,I", "client")]
    public async Task Bad_letters_are_a_validation_problem_naming_the_field(string providerLetters, string clientLetters, string field)
    {
        var ct = TestContext.Current.CancellationToken;
        var manager = await app.ClientForAsync(DemoUsers.ProviderManager, ct);
        var globex = await app.ClientForAsync(DemoUsers.GlobexViewer, ct);
        var contractId = await globex.OwnContractIdAsync(ct);

        var response = await manager.PutAsJsonAsync($"/api/v1/contracts/{contractId}/raci/{RaciActivities.BackupExecution}",
            new { provider = providerLetters, client = clientLetters }, ct);
        var problem = await response.JsonAsync(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task An_edit_addressed_with_an_encoded_slash_reaches_the_row_and_unknown_rows_are_404()
    {
        var ct = TestContext.Current.CancellationToken;
        var manager = await app.ClientForAsync(DemoUsers.ProviderManager, ct);
        var globex = await app.ClientForAsync(DemoUsers.GlobexViewer, ct);
        var contractId = await globex.OwnContractIdAsync(ct);

        var encoded = await manager.PutAsJsonAsync($"/api/v1/contracts/{contractId}/raci/{Uri.EscapeDataString(RaciActivities.ChangeHistory)}",
            new { provider = "R", client = "I, C" }, ct);
        var unknown = await manager.PutAsJsonAsync($"/api/v1/contracts/{contractId}/raci/backup-management/no-such-row",
            new { provider = "R", client = "I" }, ct);

        Assert.Equal(HttpStatusCode.OK, encoded.StatusCode);
        Assert.Equal("I,C", (await encoded.JsonAsync(ct)).GetProperty("client").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Explain_says_who_may_do_what_for_the_caller_and_cites_the_row()
    {
        var ct = TestContext.Current.CancellationToken;
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var contractId = await acme.OwnContractIdAsync(ct);

        var explained = await acme.GetFromJsonAsync<JsonElement>($"/api/v1/raci/explain?activity={RaciActivities.KeycloakConfigurationByClient}", ct);
        var you = explained.GetProperty("you");

        Assert.Equal(contractId, explained.GetProperty("contractId").GetGuid());
        Assert.Equal("Configuration Management", explained.GetProperty("activity").GetProperty("section").GetString());
        Assert.Equal("R,A", explained.GetProperty("activity").GetProperty("client").GetString());
        Assert.Equal(["Client"], explained.GetProperty("responsible").Strings());
        Assert.Equal(["Client"], explained.GetProperty("accountable").Strings());
        Assert.Equal(["Provider"], explained.GetProperty("support").Strings());
        Assert.Empty(explained.GetProperty("consulted").Strings());
        Assert.Empty(explained.GetProperty("informed").Strings());
        Assert.Equal("Client", you.GetProperty("party").GetString());
        Assert.Equal("R,A", you.GetProperty("letters").GetString());
        Assert.True(you.GetProperty("mayPerform").GetBoolean());
        Assert.True(you.GetProperty("mayApprove").GetBoolean());
        Assert.True(you.GetProperty("mayContribute").GetBoolean());
        Assert.False(you.GetProperty("isConsulted").GetBoolean());
        Assert.False(you.GetProperty("isInformed").GetBoolean());
        var explanation = explained.GetProperty("explanation").GetString()!;
        Assert.Contains("Use the administration console or the API to configure the Keycloak cluster.", explanation, StringComparison.Ordinal);
        Assert.Contains("Configuration Management", explanation, StringComparison.Ordinal);
        Assert.Contains("you may perform it", explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_for_the_provider_on_the_default_catalogue_shows_what_it_may_not_do()
    {
        var ct = TestContext.Current.CancellationToken;
        var operatorClient = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);

        var explained = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/v1/raci/explain?activity={RaciActivities.EscalationContactList}", ct);
        var you = explained.GetProperty("you");

        Assert.Equal(JsonValueKind.Null, explained.GetProperty("contractId").ValueKind);
        Assert.Equal("Provider", you.GetProperty("party").GetString());
        Assert.Equal("I", you.GetProperty("letters").GetString());
        Assert.False(you.GetProperty("mayPerform").GetBoolean());
        Assert.False(you.GetProperty("mayContribute").GetBoolean());
        Assert.True(you.GetProperty("isInformed").GetBoolean());
        Assert.Equal(["Client"], explained.GetProperty("responsible").Strings());
        Assert.Equal(["Provider"], explained.GetProperty("informed").Strings());
    }

    [Fact]
    public async Task Explaining_an_unknown_activity_is_404_with_the_closest_keys()
    {
        var ct = TestContext.Current.CancellationToken;
        var acme = await app.ClientForAsync(DemoUsers.AcmeContact, ct);

        var response = await acme.GetAsync("/api/v1/raci/explain?activity=incident-management/perform-incident-managment", ct);
        var problem = await response.JsonAsync(ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(RaciActivities.IncidentManagement, problem.GetProperty("suggestions")[0].GetString());
        Assert.Contains(RaciActivities.IncidentManagement, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
