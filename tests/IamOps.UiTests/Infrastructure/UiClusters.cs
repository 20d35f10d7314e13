using IamOps.Server.Modules.Clusters;
using IamOps.Server.Modules.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IamOps.UiTests.Infrastructure;

/// <summary>Clusters a test makes for itself, so that what it changes is its own.</summary>
public static class UiClusters
{
    /// <summary>A new Acme cluster whose Keycloak connection is the simulator's service account "iamops", with the given node exporters.</summary>
    public static async Task<(Guid Id, string Name)> AcmeClusterOnAsync(this UiApp app, KeycloakSimulator.KeycloakSimulator sim, params Uri[] nodeExporters)
    {
        sim.AddServiceAccount("master", "iamops", "iamops-secret", admin: true);
        var secrets = app.Services.GetRequiredService<ClusterSecretProtector>();
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var name = $"acme-ui-{Guid.NewGuid():N}"[..16];
        var id = await app.AsSystemAsync(async db =>
        {
            var acme = await db.Set<Organisation>().Where(o => o.Slug == "acme").Select(o => o.Id).SingleAsync();
            var cluster = new Cluster
            {
                ClientOrganisationId = acme, Name = name, Environment = ClusterEnvironment.Staging, KeycloakVersion = "21.0.1",
                HostingRegion = "eu-west-3 (Paris)", PostgresInstance = "pg-ui.internal:5432", PostgresDatabase = "keycloak",
                Nodes = [new ClusterNode { Host = "kc-ui-1.internal" }], CreatedAt = now,
            };
            db.Add(cluster);
            db.Add(new ClusterConnection
            {
                ClusterId = cluster.Id, ClientOrganisationId = acme, KeycloakBaseUrl = sim.BaseUrl.ToString().TrimEnd('/'), KeycloakClientId = "iamops",
                KeycloakProtectedSecret = secrets.Protect(cluster.Id, "iamops-secret"), NodeExporterUrls = [.. nodeExporters.Select(u => u.ToString())],
                UpdatedAt = now,
            });
            await db.SaveChangesAsync();
            return cluster.Id;
        });
        return (id, name);
    }
}
