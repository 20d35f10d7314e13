using System.Net;
using System.Net.Http.Json;
using IamOps.Server.Modules.Raci;
using IamOps.Server.Tests.Infrastructure;
using IamOps.Server.Tests.Raci;

namespace IamOps.Server.Tests.Interventions;

public sealed class ConsultationDeadlineTests
{
    public static TheoryData<string> Providers => TestDatabases.Providers();

    [Theory, MemberData(nameof(Providers))]
    public async Task A_consultation_past_due_no_longer_blocks_completion(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = IamOpsApp.On(provider);
        var operatorClient = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var acmeId = await (await app.ClientForAsync(DemoUsers.AcmeViewer, ct)).OwnOrganisationIdAsync(ct);
        var id = (await (await operatorClient.PostAsJsonAsync("/api/v1/interventions", new
        {
            clientOrganisationId = acmeId, activityKey = RaciActivities.PerformanceIndicators, title = "KPIs", description = "Login p95 < 500 ms",
        }, ct)).JsonAsync(ct)).GetProperty("id").GetGuid();

        app.Clock.Advance(TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1));
        operatorClient = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var beforeDue = await operatorClient.PostAsJsonAsync($"/api/v1/interventions/{id}/complete", new { report = "KPIs defined." }, ct);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var atDue = await operatorClient.PostAsJsonAsync($"/api/v1/interventions/{id}/complete", new { report = "KPIs defined." }, ct);
        var completed = await atDue.JsonAsync(ct);

        Assert.Equal(HttpStatusCode.Conflict, beforeDue.StatusCode);
        Assert.Equal(HttpStatusCode.OK, atDue.StatusCode);
        Assert.Equal("expired", completed.GetProperty("consultations")[0].GetProperty("state").GetString());
        // The client is both consulted and accountable on this row: its approval is still needed.
        Assert.Equal("awaiting-approval", completed.GetProperty("status").GetString());
    }
}
