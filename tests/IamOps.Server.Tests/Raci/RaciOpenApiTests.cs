using System.Net.Http.Json;
using System.Text.Json;
using IamOps.Server.Tests.Infrastructure;

namespace IamOps.Server.Tests.Raci;

public sealed class RaciOpenApiTests(IamOpsApp app) : IClassFixture<IamOpsApp>
{
    [Fact]
    public async Task The_OpenAPI_document_describes_the_RACI_intervention_quote_and_notification_routes()
    {
        var ct = TestContext.Current.CancellationToken;

        var document = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json", ct);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Contains("/api/v1/raci/explain", paths);
        Assert.Contains("/api/v1/raci/activities", paths);
        Assert.Contains("/api/v1/contracts/{id}/raci", paths);
        Assert.Contains("/api/v1/interventions/{id}/consultations/{consultationId}/respond", paths);
        Assert.Contains("/api/v1/quote-requests/{id}/quote", paths);
        Assert.Contains("/api/v1/notifications/{id}/read", paths);
    }
}
