using IamOps.Server.Data;
using IamOps.Server.Modules.Clusters;
using IamOps.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Tests.Tenancy;

/// <summary>Every API route, found in the running app's endpoint data source, is tried by every role of a foreign
/// client with the victim's ids: none may show, confirm or change the victim's data.</summary>
public sealed class TenancyTests
{
    public static TheoryData<string> Providers => TestDatabases.Providers();

    [Theory, MemberData(nameof(Providers))]
    public async Task No_route_lets_a_foreign_client_see_confirm_or_change_another_clients_data(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = IamOpsApp.On(provider);
        var probe = new TenancyProbe(app);

        var findings = await probe.RunAsync(_ => true, ct);

        // The walk must have found the victim's data, or the attack proves nothing.
        Assert.Contains("acme-prod", probe.VictimMarkers);
        Assert.Contains(DemoUsers.AcmeViewer, probe.VictimMarkers);
        Assert.Contains("Acme Retail managed Keycloak", probe.VictimMarkers);
        Assert.Contains(probe.Attacked, r => r.ToString() == "PUT /api/v1/clusters/{id}");
        Assert.True(findings.Count == 0,
            $"{findings.Count} tenancy violation(s) in {probe.RequestsSent} requests over {probe.Attacked.Count} route methods:\n"
            + string.Join('\n', findings));
    }

    [Fact]
    public async Task A_route_that_ignores_tenancy_is_caught()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new IamOpsAppWith(MapLeakyEndpoints);
        var probe = new TenancyProbe(app);

        var findings = await probe.RunAsync(r => r.Template.StartsWith("/api/v1/leaky", StringComparison.Ordinal), ct);

        Assert.Contains(findings, f => f.Route == "GET /api/v1/leaky/cluster-names" && f.Reason.Contains("acme-prod", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Route == "GET /api/v1/leaky/clusters/{id}" && f.Status == 200
            && f.Reason.StartsWith("accepted another organisation's id", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Route == "PUT /api/v1/leaky/clusters/{id}/region" && f.Reason.StartsWith("changed the victim's data", StringComparison.Ordinal));
        Assert.Equal(3, findings.Where(f => f.Route == "GET /api/v1/leaky/cluster-names").Select(f => f.Role).Distinct().Count());
    }

    private sealed record RegionChange(string HostingRegion);

    /// <summary>Endpoints that bypass the tenancy filter, as a careless new module might.</summary>
    private static void MapLeakyEndpoints(IEndpointRouteBuilder e)
    {
        e.MapGet("/api/v1/leaky/cluster-names", async (IamOpsDb db, CancellationToken ct) =>
            await db.Set<Cluster>().IgnoreQueryFilters().OrderBy(c => c.Name).Select(c => c.Name).ToListAsync(ct)).RequireAuthorization();
        e.MapGet("/api/v1/leaky/clusters/{id:guid}", async (Guid id, IamOpsDb db, CancellationToken ct) =>
            await db.Set<Cluster>().IgnoreQueryFilters().Where(c => c.Id == id).Select(c => new { c.Id, c.Name }).SingleOrDefaultAsync(ct) is { } c
                ? Results.Ok(c)
                : Results.NotFound()).RequireAuthorization();
        e.MapPut("/api/v1/leaky/clusters/{id:guid}/region", async (Guid id, RegionChange change, IamOpsDb db, CancellationToken ct) =>
        {
            var cluster = await db.Set<Cluster>().IgnoreQueryFilters().SingleOrDefaultAsync(c => c.Id == id, ct);
            if (cluster is null)
            {
                return Results.NotFound();
            }
            cluster.HostingRegion = change.HostingRegion;
            await db.SaveChangesAsync(ct);
            return Results.NoContent();
        }).RequireAuthorization();
    }
}
