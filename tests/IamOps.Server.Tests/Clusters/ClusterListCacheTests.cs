using System.Net.Http.Json;
using System.Text.Json;
using IamOps.Server.Tests.Infrastructure;

namespace IamOps.Server.Tests.Clusters;

/// <summary>The cluster list is cached per tenant and role, and every cluster write evicts it.</summary>
public sealed class ClusterListCacheTests(IamOpsApp app) : IClassFixture<IamOpsApp>
{
    [Fact]
    public async Task A_cached_list_shows_a_cluster_registered_after_it_was_cached_and_drops_a_removed_one()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeViewer, ct);
        var acmeId = (await acme.GetFromJsonAsync<JsonElement>("/api/v1/me", ct)).GetProperty("organisationId").GetGuid();
        var before = await NamesAsync(acme, ct);

        var created = await provider.PostAsJsonAsync("/api/v1/clusters", new
        {
            clientOrganisationId = acmeId, name = "acme-cache", environment = "Development", keycloakVersion = "26.0.7",
            hostingRegion = "eu-west-3", postgresInstance = "pg:5432", postgresDatabase = "keycloak",
            nodes = new[] { new { host = "kc-1", httpPort = 8080, managementPort = 9000 } },
        }, ct);
        created.EnsureSuccessStatusCode();
        var afterCreate = await NamesAsync(acme, ct);
        (await provider.DeleteAsync(created.Headers.Location, ct)).EnsureSuccessStatusCode();
        var afterRemove = await NamesAsync(acme, ct);

        Assert.DoesNotContain("acme-cache", before);
        Assert.Contains("acme-cache", afterCreate);
        Assert.Equal(before, afterRemove);
    }

    [Fact]
    public async Task Two_clients_asking_the_same_url_each_get_their_own_clusters()
    {
        var ct = TestContext.Current.CancellationToken;
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var globex = await app.ClientForAsync(DemoUsers.GlobexAdmin, ct);

        var acmeNames = await NamesAsync(acme, ct);
        var globexNames = await NamesAsync(globex, ct);

        Assert.All(acmeNames, n => Assert.StartsWith("acme-", n, StringComparison.Ordinal));
        Assert.All(globexNames, n => Assert.StartsWith("globex-", n, StringComparison.Ordinal));
    }

    private static async Task<List<string>> NamesAsync(HttpClient client, CancellationToken ct)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/clusters?pageSize=100", ct);
        return page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
    }
}
