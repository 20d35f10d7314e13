using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IamOps.Server.Tests.Infrastructure;

namespace IamOps.Server.Tests.Contracts;

public sealed class SaveContractTests
{
    public static TheoryData<string> Providers => TestDatabases.Providers();

    private static object ContractBody(string timeZone = "Europe/Paris", string severity = "P1") => new
    {
        name = "Acme 2027",
        startsOn = "2027-01-01",
        timeZone,
        workingDays = "5,4,3,2,1",
        workdayStart = "08:00:00",
        workdayEnd = "18:00:00",
        serviceLevels = new[] { new { severity, definition = "Down", responseMinutes = 15, resolutionMinutes = 120, calendar = "TwentyFourSeven" } },
        maintenanceWindows = new[] { new { name = "Sunday night", recurrenceRule = "FREQ=WEEKLY;BYDAY=SU", startsAt = "02:00:00", durationMinutes = 180 } },
    };

    private static async Task<Guid> OrganisationIdAsync(HttpClient provider, string slug, CancellationToken ct)
    {
        var orgs = await provider.GetFromJsonAsync<JsonElement>("/api/v1/organisations", ct);
        return orgs.EnumerateArray().Single(o => o.GetProperty("slug").GetString() == slug).GetProperty("id").GetGuid();
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_manager_creates_a_contract_and_reads_it_back_with_its_calendar_and_windows(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = IamOpsApp.On(provider);
        var manager = await app.ClientForAsync(DemoUsers.ProviderManager, ct);
        var acmeId = await OrganisationIdAsync(manager, "acme", ct);

        var created = await manager.PostAsJsonAsync("/api/v1/contracts", new { clientOrganisationId = acmeId, contract = ContractBody() }, ct);
        var read = await manager.GetFromJsonAsync<JsonElement>(created.Headers.Location, ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("Europe/Paris", read.GetProperty("timeZone").GetString());
        Assert.Equal("1,2,3,4,5", read.GetProperty("workingDays").GetString());
        Assert.Equal("FREQ=WEEKLY;BYDAY=SU", read.GetProperty("maintenanceWindows")[0].GetProperty("recurrenceRule").GetString());
        Assert.Equal(15, read.GetProperty("serviceLevels")[0].GetProperty("responseMinutes").GetInt32());
    }

    [Fact]
    public async Task A_new_contract_starts_with_the_default_raci_catalogue()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new IamOpsApp();
        var manager = await app.ClientForAsync(DemoUsers.ProviderManager, ct);
        var acmeId = await OrganisationIdAsync(manager, "acme", ct);
        var defaults = await manager.GetFromJsonAsync<JsonElement>("/api/v1/raci/activities", ct);

        var created = await manager.PostAsJsonAsync("/api/v1/contracts", new { clientOrganisationId = acmeId, contract = ContractBody() }, ct);
        var contractId = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        var activities = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/raci/activities?contractId={contractId}", ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(activities.GetArrayLength() > 50, activities.ToString());
        Assert.Equal(defaults.GetArrayLength(), activities.GetArrayLength());
    }

    [Fact]
    public async Task An_unknown_time_zone_is_refused_naming_the_field()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new IamOpsApp();
        var manager = await app.ClientForAsync(DemoUsers.ProviderManager, ct);
        var acmeId = await OrganisationIdAsync(manager, "acme", ct);

        var response = await manager.PostAsJsonAsync("/api/v1/contracts", new { clientOrganisationId = acmeId, contract = ContractBody(timeZone: "Europe/Atlantis") }, ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Europe/Atlantis", problem.GetProperty("errors").GetProperty("timeZone")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clients_and_operators_cannot_edit_contracts()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new IamOpsApp();
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var operatorClient = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var contract = (await acme.GetFromJsonAsync<JsonElement>("/api/v1/contracts", ct))[0].GetProperty("id").GetGuid();

        var byClient = await acme.PutAsJsonAsync($"/api/v1/contracts/{contract}", ContractBody(), ct);
        var byOperator = await operatorClient.PutAsJsonAsync($"/api/v1/contracts/{contract}", ContractBody(), ct);

        Assert.Equal(HttpStatusCode.Forbidden, byClient.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
    }

    [Fact]
    public async Task A_contract_edit_is_in_the_clients_audit_trail_with_before_and_after()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new IamOpsApp();
        var manager = await app.ClientForAsync(DemoUsers.ProviderManager, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeViewer, ct);
        var contract = (await acme.GetFromJsonAsync<JsonElement>("/api/v1/contracts", ct))[0].GetProperty("id").GetGuid();

        var updated = await manager.PutAsJsonAsync($"/api/v1/contracts/{contract}", ContractBody(timeZone: "America/Montreal"), ct);
        var trail = await acme.GetFromJsonAsync<JsonElement>("/api/v1/audit-trail?pageSize=1", ct);
        var last = trail.GetProperty("items")[0];

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("updated", last.GetProperty("action").GetString());
        Assert.Equal("Europe/Paris", last.GetProperty("before").GetProperty("TimeZone").GetString());
        Assert.Equal("America/Montreal", last.GetProperty("after").GetProperty("TimeZone").GetString());
        Assert.Equal(DemoUsers.ProviderManager, last.GetProperty("actor").GetString());
    }
}
