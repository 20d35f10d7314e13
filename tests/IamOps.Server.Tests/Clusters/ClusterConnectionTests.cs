using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IamOps.Server.Data;
using IamOps.Server.Modules.AuditTrail;
using IamOps.Server.Modules.Clusters;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IamOps.Server.Tests.Clusters;

public sealed class ClusterConnectionTests(IamOpsApp app) : IClassFixture<IamOpsApp>
{
    private static readonly string[] ExporterUrls = ["http://kc-1:9100/metrics"];

    [Fact]
    public async Task Connection_secrets_are_write_only_encrypted_at_rest_and_decrypted_for_capabilities()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderAdmin, ct);
        var clusters = await provider.GetFromJsonAsync<JsonElement>("/api/v1/clusters?pageSize=1", ct);
        var clusterId = clusters.GetProperty("items")[0].GetProperty("id").GetGuid();

        var saved = await provider.PutAsJsonAsync($"/api/v1/clusters/{clusterId}/connection", new
        {
            keycloakBaseUrl = "https://sso.acme.example/", keycloakClientId = "iamops", keycloakSecret = "kc-s3cret-value",
            postgresHost = "pg.acme.internal", postgresPort = 5433, postgresDatabase = "keycloak", postgresUsername = "iamops",
            postgresPassword = "pg-s3cret-value", nodeExporterUrls = ExporterUrls,
        }, ct);
        var body = await saved.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.DoesNotContain("s3cret", body, StringComparison.Ordinal);
        var dto = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.True(dto.GetProperty("keycloakSecretSet").GetBoolean());
        Assert.Equal("https://sso.acme.example", dto.GetProperty("keycloakBaseUrl").GetString());

        // A second save without secrets keeps them.
        (await provider.PutAsJsonAsync($"/api/v1/clusters/{clusterId}/connection", new
        {
            keycloakBaseUrl = "https://sso.acme.example", keycloakClientId = "iamops",
            postgresHost = "pg.acme.internal", postgresPort = 5433, postgresDatabase = "keycloak", postgresUsername = "iamops",
        }, ct)).EnsureSuccessStatusCode();

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        var connections = scope.ServiceProvider.GetRequiredService<IClusterConnections>();
        var keycloak = await connections.KeycloakAsync(clusterId, ct);
        var postgres = await connections.PostgresAsync(clusterId, ct);
        var db = scope.ServiceProvider.GetRequiredService<IamOpsDb>();
        var stored = await db.Set<ClusterConnection>().AsNoTracking().SingleAsync(c => c.ClusterId == clusterId, ct);
        var audit = await db.Set<AuditEntry>().AsNoTracking().Where(a => a.EntityType == nameof(ClusterConnection)).ToListAsync(ct);

        Assert.Equal("kc-s3cret-value", keycloak?.Secret);
        Assert.Equal("pg-s3cret-value", postgres?.LibpqEnvironment()["PGPASSWORD"]);
        Assert.DoesNotContain("s3cret", stored.KeycloakProtectedSecret, StringComparison.Ordinal);
        Assert.NotEmpty(audit);
        Assert.All(audit, a => Assert.DoesNotContain("s3cret", JsonSerializer.Serialize(a), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_relative_keycloak_url_is_refused_and_a_client_user_cannot_read_connections()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderAdmin, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var clusterId = (await acme.GetFromJsonAsync<JsonElement>("/api/v1/clusters?pageSize=1", ct)).GetProperty("items")[0].GetProperty("id").GetGuid();

        var bad = await provider.PutAsJsonAsync($"/api/v1/clusters/{clusterId}/connection", new { keycloakBaseUrl = "sso.acme", keycloakClientId = "x" }, ct);
        var forbidden = await acme.GetAsync($"/api/v1/clusters/{clusterId}/connection", ct);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("keycloakBaseUrl", await bad.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}
