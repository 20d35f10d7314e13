using System.Net;
using IamOps.Server.Modules.Clusters;
using IamOps.Server.Modules.Configuration.Keycloak;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IamOps.Server.Tests.Configuration;

public sealed class KeycloakAdminClientTests
{
    [Fact]
    public async Task Password_grant_token_is_reused_until_it_expires()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await KeycloakSimulator.KeycloakSimulator.StartWithMasterAsync(ct);
        await using var services = Services();
        var client = Client(services, sim, KeycloakGrant.Password, "admin-cli", "admin", "admin");

        var realms = await client.GetRealmsAsync(ct);
        var master = await client.GetRealmAsync("master", ct);
        var count = await client.GetUserCountAsync("master", ct);

        Assert.Equal(["master"], realms.Select(r => r.Realm));
        Assert.Equal("external", master.SslRequired);
        Assert.Equal(1, count);
        Assert.Equal(1, sim.Count("/openid-connect/token"));
    }

    [Fact]
    public async Task Client_credentials_token_is_fetched_again_when_Keycloak_forgets_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await KeycloakSimulator.KeycloakSimulator.StartWithMasterAsync(ct);
        sim.AddServiceAccount("master", "iamops", "s3cret", admin: true);
        await using var services = Services();
        var client = Client(services, sim, KeycloakGrant.ClientCredentials, "iamops", null, "s3cret");

        await client.GetRealmAsync("master", ct);
        sim.RevokeAllTokens();
        var keys = await client.GetKeysAsync("master", ct);

        Assert.Contains("RS256", keys.Active!.Keys);
        Assert.Equal(2, sim.Count("/openid-connect/token"));
    }

    [Fact]
    public async Task Clients_are_read_page_by_page_until_a_short_page()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await KeycloakSimulator.KeycloakSimulator.StartWithMasterAsync(ct);
        sim.AddRealm(KeycloakSimulatorFidelityTests.ScratchRealm());
        await using var services = Services();
        var client = Client(services, sim, KeycloakGrant.Password, "admin-cli", "admin", "admin");

        var clients = await client.GetClientsAsync("scratch-2000", ct);

        Assert.Equal(2006, clients.Count);
        Assert.Equal(2006, clients.Select(c => c.ClientId).Distinct().Count());
        Assert.Equal(0, sim.Count("/clients "));
        Assert.All(sim.Requests.Where(r => r.Contains("/clients?", StringComparison.Ordinal)), r => Assert.Contains("max=100", r, StringComparison.Ordinal));
        Assert.InRange(sim.Count("/clients?"), 21, 24);
    }

    [Fact]
    public async Task Unknown_fields_are_kept_and_written_back()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await KeycloakSimulator.KeycloakSimulator.StartWithMasterAsync(ct);
        sim.Realms["master"].Realm["futureKeycloakSetting"] = "kept";
        await using var services = Services();
        var client = Client(services, sim, KeycloakGrant.Password, "admin-cli", "admin", "admin");

        var realm = await client.GetRealmAsync("master", ct);
        var json = System.Text.Json.JsonSerializer.Serialize(realm, KeycloakAdminClient.Json);

        Assert.Contains("\"futureKeycloakSetting\":\"kept\"", json, StringComparison.Ordinal);
        Assert.Contains("\"otpPolicyType\":\"totp\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin", "wrong", HttpStatusCode.Unauthorized, "Invalid user credentials")]
    [InlineData("plain", "plain", HttpStatusCode.Forbidden, "unknown_error")]
    public async Task Refused_credentials_and_missing_roles_give_a_typed_error_with_Keycloak_s_words(
        string user, string password, HttpStatusCode status, string keycloakSays)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await KeycloakSimulator.KeycloakSimulator.StartWithMasterAsync(ct);
        sim.AddUser("master", "plain", "plain", admin: false);
        await using var services = Services();
        var client = Client(services, sim, KeycloakGrant.Password, "admin-cli", user, password);

        var error = await Assert.ThrowsAsync<KeycloakApiException>(() => client.GetRealmAsync("master", ct));

        Assert.Equal(status, error.Status);
        Assert.Contains(keycloakSays, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, sim.Count("/admin/realms/master") - (status == HttpStatusCode.Forbidden ? 1 : 0));
    }

    [Fact]
    public async Task Unknown_realm_and_client_are_404_with_Keycloak_s_message_and_are_not_retried()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await KeycloakSimulator.KeycloakSimulator.StartWithMasterAsync(ct);
        await using var services = Services();
        var client = Client(services, sim, KeycloakGrant.Password, "admin-cli", "admin", "admin");

        var realm = await Assert.ThrowsAsync<KeycloakApiException>(() => client.GetClientScopesAsync("nope", ct));
        var unknownClient = await Assert.ThrowsAsync<KeycloakApiException>(() => client.GetClientAsync("master", Guid.Empty.ToString(), ct));

        Assert.Equal(HttpStatusCode.NotFound, realm.Status);
        Assert.Contains("Realm not found.", realm.Message, StringComparison.Ordinal);
        Assert.Equal("GET /admin/realms/nope/client-scopes", realm.Request);
        Assert.Contains("Could not find client", unknownClient.Message, StringComparison.Ordinal);
        Assert.Equal(1, sim.Count("/admin/realms/nope/client-scopes"));
    }

    [Fact]
    public async Task A_5xx_is_retried_and_a_lasting_one_is_reported()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await KeycloakSimulator.KeycloakSimulator.StartWithMasterAsync(ct);
        await using var services = Services();
        var client = Client(services, sim, KeycloakGrant.Password, "admin-cli", "admin", "admin");

        sim.FailNext("/groups", 503);
        var groups = await client.GetGroupsAsync("master", ct);
        sim.FailNext("/roles", 500, times: 3);
        var error = await Assert.ThrowsAsync<KeycloakApiException>(() => client.GetRolesAsync("master", ct));

        Assert.Empty(groups);
        Assert.Equal(2, sim.Count("/groups"));
        Assert.Equal(HttpStatusCode.InternalServerError, error.Status);
        Assert.Contains("unknown_error", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, sim.Count("/roles"));
    }

    [Fact]
    public async Task A_server_that_does_not_answer_in_time_is_a_timeout_error()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await KeycloakSimulator.KeycloakSimulator.StartWithMasterAsync(ct);
        await using var services = Services(("Configuration:Keycloak:AttemptTimeout", "00:00:02"), ("Configuration:Keycloak:Retries", "0"));
        var client = Client(services, sim, KeycloakGrant.Password, "admin-cli", "admin", "admin");
        await client.GetServerInfoAsync(ct); // the token is fetched (and cached) while the server answers promptly
        sim.Delay = TimeSpan.FromSeconds(20);

        var error = await Assert.ThrowsAsync<KeycloakApiException>(() => client.GetServerInfoAsync(ct));

        Assert.Null(error.Status);
        Assert.Contains("did not answer GET /admin/serverinfo", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_info_gives_version_features_and_providers()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await KeycloakSimulator.KeycloakSimulator.StartWithMasterAsync(ct);
        await using var services = Services();
        var client = Client(services, sim, KeycloakGrant.Password, "admin-cli", "admin", "admin");

        var info = await client.GetServerInfoAsync(ct);

        Assert.Equal("21.0.1", info.SystemInfo!.Version);
        Assert.Contains("DOCKER", info.ProfileInfo!.DisabledFeatures!);
        Assert.Contains("rsa-generated", info.Providers!["keys"].Providers!.Keys);
    }

    internal static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create<string, string?>("Configuration:Keycloak:RetryDelay", "00:00:00.050"),
                .. settings.Select(s => KeyValuePair.Create<string, string?>(s.Key, s.Value))]).Build());
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddKeycloakAdminClient();
        return services.BuildServiceProvider();
    }

    internal static KeycloakAdminClient Client(IServiceProvider services, KeycloakSimulator.KeycloakSimulator sim, KeycloakGrant grant, string clientId, string? user, string secret) =>
        services.GetRequiredService<KeycloakAdminClientFactory>().Create(new KeycloakEndpoint(sim.BaseUrl, "master", clientId, grant, user, secret));
}
