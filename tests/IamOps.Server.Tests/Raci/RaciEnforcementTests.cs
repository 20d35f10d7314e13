using System.Net;
using System.Net.Http.Json;
using IamOps.Server.Modules.AuditTrail;
using IamOps.Server.Modules.Raci;
using IamOps.Server.Tests.Infrastructure;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IamOps.Server.Tests.Raci;

/// <summary>IamOps plus two probe routes that declare a fixed activity with <c>RequiresRaci</c>, as feature modules do.</summary>
public sealed class RaciProbeApp : IamOpsApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IEndpointModule>(new ExtraEndpoints(e =>
        {
            e.MapPost("/api/v1/raci-probe/incident", (AuditScope audit) => TypedResults.Ok(audit.ActivityKey))
                .RequiresRaci(RaciActivities.IncidentManagement, RaciDuty.Perform);
            e.MapPost("/api/v1/raci-probe/escalation-contacts", (AuditScope audit) => TypedResults.Ok(audit.ActivityKey))
                .RequiresRaci(RaciActivities.EscalationContactList, RaciDuty.Perform);
        })));
    }
}

public sealed class RaciEnforcementTests(RaciProbeApp app) : IClassFixture<RaciProbeApp>
{
    [Fact]
    public async Task A_client_performing_a_provider_activity_gets_403_citing_the_row()
    {
        var ct = TestContext.Current.CancellationToken;
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);

        var response = await acme.PostAsync("/api/v1/raci-probe/incident", null, ct);
        var problem = await response.JsonAsync(ct);
        var detail = problem.GetProperty("detail").GetString()!;

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Perform Incident management tasks at the system layer level", detail, StringComparison.Ordinal);
        Assert.Contains("Incident Management › INCIDENT MANAGEMENT", detail, StringComparison.Ordinal);
        Assert.Contains("CLOUD-IAM: R, [CLIENT]: I", detail, StringComparison.Ordinal);
        Assert.Contains("only the provider (CLOUD-IAM), holding R, may perform it", detail, StringComparison.Ordinal);
        Assert.Equal(RaciActivities.IncidentManagement, problem.GetProperty("activityKey").GetString());
        Assert.Equal(["Provider"], problem.GetProperty("allowedParties").Strings());
        Assert.Equal(["R"], problem.GetProperty("requiredLetters").Strings());
    }

    [Fact]
    public async Task The_provider_performs_its_activity_and_the_request_is_stamped_with_the_activity_key()
    {
        var ct = TestContext.Current.CancellationToken;
        var operatorClient = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);

        var response = await operatorClient.PostAsync("/api/v1/raci-probe/incident", null, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RaciActivities.IncidentManagement, await response.Content.ReadFromJsonAsync<string>(ct));
    }

    [Fact]
    public async Task A_client_keeps_its_escalation_list_and_the_provider_may_not()
    {
        var ct = TestContext.Current.CancellationToken;
        var acme = await app.ClientForAsync(DemoUsers.AcmeContact, ct);
        var provider = await app.ClientForAsync(DemoUsers.ProviderAdmin, ct);
        var acmeId = await acme.OwnOrganisationIdAsync(ct);

        var byClient = await acme.PostAsync("/api/v1/raci-probe/escalation-contacts", null, ct);
        var byProvider = await provider.PostAsync($"/api/v1/raci-probe/escalation-contacts?clientOrganisationId={acmeId}", null, ct);

        Assert.Equal(HttpStatusCode.OK, byClient.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byProvider.StatusCode);
        Assert.Contains("only the client, holding R, may perform it", (await byProvider.JsonAsync(ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_contract_letters_of_the_client_concerned_decide_not_the_default_catalogue()
    {
        var ct = TestContext.Current.CancellationToken;
        var manager = await app.ClientForAsync(DemoUsers.ProviderManager, ct);
        var globex = await app.ClientForAsync(DemoUsers.GlobexContact, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeContact, ct);
        var globexId = await globex.OwnOrganisationIdAsync(ct);
        var globexContract = await globex.OwnContractIdAsync(ct);

        var edit = await manager.PutAsJsonAsync($"/api/v1/contracts/{globexContract}/raci/{RaciActivities.EscalationContactList}",
            new { provider = "R", client = "I" }, ct);
        var providerForGlobex = await manager.PostAsync($"/api/v1/raci-probe/escalation-contacts?clientOrganisationId={globexId}", null, ct);
        var globexItself = await globex.PostAsync("/api/v1/raci-probe/escalation-contacts", null, ct);
        var acmeUnchanged = await acme.PostAsync("/api/v1/raci-probe/escalation-contacts", null, ct);

        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, providerForGlobex.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, globexItself.StatusCode);
        Assert.Equal(HttpStatusCode.OK, acmeUnchanged.StatusCode);
    }

    [Fact]
    public async Task A_client_viewer_is_read_only_even_where_its_party_is_responsible()
    {
        var ct = TestContext.Current.CancellationToken;
        var viewer = await app.ClientForAsync(DemoUsers.AcmeViewer, ct);

        var response = await viewer.PostAsync("/api/v1/raci-probe/escalation-contacts", null, ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("viewer role is read-only", (await response.JsonAsync(ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_caller_is_challenged_not_forbidden()
    {
        var ct = TestContext.Current.CancellationToken;

        var response = await app.CreateClient().PostAsync("/api/v1/raci-probe/incident", null, ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public void Declaring_an_activity_the_catalogue_does_not_have_fails_at_start_up()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var web = builder.Build();

        var error = Assert.Throws<ArgumentException>(() => web.MapGet("/x", () => "x").RequiresRaci("incident-management/typo", RaciDuty.Perform));

        Assert.Contains("not a key of the default RACI catalogue", error.Message, StringComparison.Ordinal);
    }
}
