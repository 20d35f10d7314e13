using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IamOps.Server.Tests.Infrastructure;

namespace IamOps.Server.Tests.Clusters;

public sealed class ClusterTests(IamOpsApp app) : IClassFixture<IamOpsApp>
{
    [Fact]
    public async Task Provider_sees_every_clients_clusters_and_a_client_only_its_own()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeViewer, ct);

        var all = await provider.GetFromJsonAsync<JsonElement>("/api/v1/clusters?pageSize=200", ct);
        var own = await acme.GetFromJsonAsync<JsonElement>("/api/v1/clusters?pageSize=200", ct);

        var allNames = all.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        var ownNames = own.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Contains("globex-prod", allNames);
        Assert.Contains("acme-prod", allNames);
        Assert.Equal(["acme-prod", "acme-staging"], ownNames.Order().ToList());
    }

    [Fact]
    public async Task A_client_cannot_register_a_cluster()
    {
        var ct = TestContext.Current.CancellationToken;
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var me = await acme.GetFromJsonAsync<JsonElement>("/api/v1/me", ct);

        var response = await acme.PostAsJsonAsync("/api/v1/clusters", new
        {
            clientOrganisationId = me.GetProperty("organisationId").GetGuid(),
            name = "rogue", environment = "Production", keycloakVersion = "26.0", hostingRegion = "x",
            postgresInstance = "pg", postgresDatabase = "kc", nodes = new[] { new { host = "h", httpPort = 8080, managementPort = 9000 } },
        }, ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Registering_a_cluster_with_an_unknown_environment_names_the_field()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);

        var response = await provider.PostAsync("/api/v1/clusters", new StringContent(
            """{"clientOrganisationId":"00000000-0000-0000-0000-000000000001","name":"x","environment":"Moon","keycloakVersion":"26","hostingRegion":"r","postgresInstance":"p","postgresDatabase":"d","nodes":[{"host":"h","httpPort":1,"managementPort":2}]}""",
            System.Text.Encoding.UTF8, "application/json"), ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("environment", out _), problem.ToString());
    }

    [Fact]
    public async Task Registering_a_cluster_without_nodes_is_a_validation_problem()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var orgs = await provider.GetFromJsonAsync<JsonElement>("/api/v1/organisations", ct);
        var acmeId = orgs.EnumerateArray().Single(o => o.GetProperty("slug").GetString() == "acme").GetProperty("id").GetGuid();

        var response = await provider.PostAsJsonAsync("/api/v1/clusters", new
        {
            clientOrganisationId = acmeId, name = new string('n', 101), environment = "Production", keycloakVersion = "26.0",
            hostingRegion = "x", postgresInstance = "pg", postgresDatabase = "kc", nodes = Array.Empty<object>(),
        }, ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("Nodes", out _) || errors.TryGetProperty("nodes", out _), problem.ToString());
        Assert.True(errors.TryGetProperty("Name", out _) || errors.TryGetProperty("name", out _), problem.ToString());
    }
}
