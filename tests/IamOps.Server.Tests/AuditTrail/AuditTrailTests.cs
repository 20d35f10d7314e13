using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IamOps.Core.AuditTrail;
using IamOps.Server.Data;
using IamOps.Server.Modules.Clusters;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IamOps.Server.Tests.AuditTrail;

public sealed class AuditTrailTests
{
    public static TheoryData<string> Providers => TestDatabases.Providers();

    [Theory, MemberData(nameof(Providers))]
    public async Task Every_state_change_is_chained_and_the_export_verifies(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = IamOpsApp.On(provider);
        var operatorClient = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var acmeId = (await acme.GetFromJsonAsync<JsonElement>("/api/v1/me", ct)).GetProperty("organisationId").GetGuid();

        var created = await operatorClient.PostAsJsonAsync("/api/v1/clusters", new
        {
            clientOrganisationId = acmeId, name = "acme-audit", environment = "Production", keycloakVersion = "26.0.7",
            hostingRegion = "eu-west-3", postgresInstance = "pg:5432", postgresDatabase = "keycloak",
            nodes = new[] { new { host = "kc-1", httpPort = 8080, managementPort = 9000 } },
        }, ct);
        created.EnsureSuccessStatusCode();

        var export = await acme.GetStringAsync("/api/v1/audit-trail/export", ct);
        var lines = export.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var last = JsonNode.Parse(lines[^1])!;

        Assert.True(AuditChain.Verify(lines).IsIntact);
        Assert.Equal("created", last["action"]!.GetValue<string>());
        Assert.Equal("Cluster", last["entityType"]!.GetValue<string>());
        Assert.Equal(DemoUsers.ProviderOperator, last["actor"]!.GetValue<string>());
        Assert.Equal("acme-audit", last["after"]!["Name"]!.GetValue<string>());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_long_unit_of_work_continues_the_chain_after_another_one_extended_it(string provider)
    {
        // A backup run keeps its unit of work for minutes while requests (or another IamOps instance) write to the same chain.
        var ct = TestContext.Current.CancellationToken;
        await using var app = IamOpsApp.On(provider);
        await using var longScope = app.Services.CreateAsyncScope();
        longScope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        var db = longScope.ServiceProvider.GetRequiredService<IamOpsDb>();
        var cluster = await db.Set<Cluster>().AsTracking().OrderBy(c => c.Name).FirstAsync(ct);
        cluster.HostingRegion = "eu-west-1";
        await db.SaveChangesAsync(ct);

        await using (var otherScope = app.Services.CreateAsyncScope())
        {
            otherScope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
            var other = otherScope.ServiceProvider.GetRequiredService<IamOpsDb>();
            var same = await other.Set<Cluster>().AsTracking().SingleAsync(c => c.Id == cluster.Id, ct);
            same.KeycloakVersion = "26.0.8";
            await other.SaveChangesAsync(ct);
        }
        cluster.HostingRegion = "eu-west-2";
        await db.SaveChangesAsync(ct);

        var chain = await db.AuditEntries.AsNoTracking().Where(a => a.ChainId == cluster.ClientOrganisationId).OrderBy(a => a.Seq).ToListAsync(ct);
        Assert.Equal(Enumerable.Range(1, chain.Count).Select(i => (long)i), chain.Select(a => a.Seq));
        Assert.All(chain[^3..], a => Assert.Equal(("Cluster", cluster.Id.ToString()), (a.EntityType, a.EntityId)));
        Assert.Contains("eu-west-2", chain[^1].After!, StringComparison.Ordinal);
        Assert.Contains("26.0.8", chain[^2].After!, StringComparison.Ordinal);
        for (var i = 1; i < chain.Count; i++)
        {
            Assert.Equal(chain[i - 1].Hash, chain[i].PrevHash);
        }
    }

    [Fact]
    public async Task Altering_one_entry_is_detected_and_named()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new IamOpsApp();
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var lines = (await acme.GetStringAsync("/api/v1/audit-trail/export", ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 3);

        var tampered = JsonNode.Parse(lines[1])!.AsObject();
        tampered["actor"] = "someone-else@example.com";
        lines[1] = tampered.ToJsonString();
        var result = AuditChain.Verify(lines);

        Assert.False(result.IsIntact);
        Assert.Equal(2, result.BrokenLine);
        Assert.Equal(2, result.BrokenSequence);
        Assert.Contains("altered", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_an_entry_breaks_the_chain_at_the_gap()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new IamOpsApp();
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var lines = (await acme.GetStringAsync("/api/v1/audit-trail/export", ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();

        lines.RemoveAt(1);
        var result = AuditChain.Verify(lines);

        Assert.False(result.IsIntact);
        Assert.Equal(2, result.BrokenLine);
    }

    [Fact]
    public async Task A_client_exports_only_its_own_chain_even_when_asking_for_another()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new IamOpsApp();
        var globex = await app.ClientForAsync(DemoUsers.GlobexAdmin, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var acmeId = (await acme.GetFromJsonAsync<JsonElement>("/api/v1/me", ct)).GetProperty("organisationId").GetGuid();
        var globexId = (await globex.GetFromJsonAsync<JsonElement>("/api/v1/me", ct)).GetProperty("organisationId").GetGuid();

        var export = await globex.GetStringAsync($"/api/v1/audit-trail/export?chainId={acmeId}", ct);
        var chains = export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!["chainId"]!.GetValue<string>()).Distinct().ToList();

        Assert.Equal([globexId.ToString()], chains);
    }
}
