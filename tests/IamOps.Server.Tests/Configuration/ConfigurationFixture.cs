using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IamOps.KeycloakSimulator;
using IamOps.Server.Modules.Changes;
using IamOps.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace IamOps.Server.Tests.Configuration;

/// <summary>Approved changes the test declares, standing in for the change-management module's lookup.</summary>
public sealed class ApprovedChangesForTests : IApprovedChangeLookup
{
    public List<(Guid ClusterId, ApprovedChangeRef Change)> Approved { get; } = [];

    public Task<IReadOnlyList<ApprovedChangeRef>> CoveringAsync(Guid clusterId, DateTimeOffset since, DateTimeOffset until, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ApprovedChangeRef>>([.. Approved.Where(a => a.ClusterId == clusterId
            && (a.Change.PlannedStart ?? DateTimeOffset.MinValue) <= until && (a.Change.PlannedEnd ?? DateTimeOffset.MaxValue) >= since)
            .Select(a => a.Change)]);
}

/// <summary>IamOps with an approved-change lookup the test fills, plus helpers to point an Acme cluster at a Keycloak simulator.</summary>
public sealed class ConfigurationApp : IamOpsApp
{
    public ApprovedChangesForTests Changes { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Configuration:ScheduledSnapshots", "false");
        builder.UseSetting("Configuration:Keycloak:RetryDelay", "00:00:00.020");
        builder.ConfigureServices(services => services.AddSingleton<IApprovedChangeLookup>(Changes));
    }

    /// <summary>A new Acme cluster whose Keycloak connection is the simulator's service account "iamops".</summary>
    public async Task<Guid> AcmeClusterOnAsync(KeycloakSimulator.KeycloakSimulator sim, CancellationToken ct, string secret = "iamops-secret")
    {
        var provider = await ClientForAsync(DemoUsers.ProviderOperator, ct);
        var acme = await ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var acmeId = (await acme.GetFromJsonAsync<JsonElement>("/api/v1/me", ct)).GetProperty("organisationId").GetGuid();
        var created = await provider.PostAsJsonAsync("/api/v1/clusters", new
        {
            clientOrganisationId = acmeId, name = $"acme-kc-{Guid.NewGuid():N}"[..20], environment = "Production", keycloakVersion = "21.0.1",
            hostingRegion = "eu-west-3", postgresInstance = "pg:5432", postgresDatabase = "keycloak",
            nodes = new[] { new { host = "kc-1", httpPort = 8080, managementPort = 9000 } },
        }, ct);
        created.EnsureSuccessStatusCode();
        var clusterId = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        sim.AddServiceAccount("master", "iamops", "iamops-secret", admin: true);
        var saved = await provider.PutAsJsonAsync($"/api/v1/clusters/{clusterId}/connection", new
        {
            keycloakBaseUrl = sim.BaseUrl.ToString(), keycloakAuthRealm = "master", keycloakClientId = "iamops",
            keycloakGrant = "ClientCredentials", keycloakSecret = secret,
        }, ct);
        saved.EnsureSuccessStatusCode();
        return clusterId;
    }

    /// <summary>The YATT realm (imported in the captured Keycloak) with secrets in clear where a careless server could leak them.</summary>
    public static SimulatedRealm RealmWithSecrets()
    {
        var realm = SimulatedRealm.FromExport(Path.Combine(KeycloakCaptures.Realms, "NovatecConsulting__YATT__realm.json"));
        realm.Realm["smtpServer"] = new JsonObject { ["host"] = "smtp.acme.example", ["auth"] = "true", ["user"] = "kc", ["password"] = "smtp-pass-4711" };
        realm.IdentityProviders.Add(new JsonObject
        {
            ["alias"] = "corporate", ["providerId"] = "oidc", ["enabled"] = true, ["trustEmail"] = false,
            ["config"] = new JsonObject { ["clientId"] = "kc", ["clientSecret"] = "idp-secret-0815", ["syncMode"] = "IMPORT" },
        });
        realm.Components.Add(new JsonObject
        {
            ["id"] = "rsa-imported", ["name"] = "rsa-imported", ["providerId"] = "rsa", ["providerType"] = "org.keycloak.keys.KeyProvider",
            ["parentId"] = realm.Realm["id"]!.DeepClone(),
            ["config"] = new JsonObject { ["privateKey"] = new JsonArray("MIIEvQIBADANprivate-key-material"), ["priority"] = new JsonArray("100") },
        });
        var backend = realm.Clients.OfType<JsonObject>().Single(c => (string?)c["clientId"] == "my-backend");
        backend["secret"] = "client-secret-1234";
        return realm;
    }

    public const string RealmName = "eventsourcing-with-axon";

    public static readonly string[] Secrets = ["smtp-pass-4711", "idp-secret-0815", "MIIEvQIBADANprivate-key-material", "client-secret-1234", "iamops-secret"];
}
