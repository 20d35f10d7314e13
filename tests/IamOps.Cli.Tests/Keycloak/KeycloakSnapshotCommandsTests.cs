using IamOps.Cli.Tests.Infrastructure;
using IamOps.KeycloakSimulator;
using IamOps.Server.Tests.Configuration;
using IamOps.Server.Tests.Infrastructure;

namespace IamOps.Cli.Tests.Keycloak;

public sealed class KeycloakSnapshotCommandsTests
{
    [Fact]
    public async Task A_client_admin_snapshots_a_realm_twice_lists_the_versions_and_diffs_them_by_path()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await IamOps.KeycloakSimulator.KeycloakSimulator.StartWithMasterAsync(ct);
        var realm = sim.AddRealm(SimulatedRealm.FromExport(Path.Combine(KeycloakCaptures.Realms, "NovatecConsulting__YATT__realm.json")));
        realm.Realm["sslRequired"] = "external";
        await using var app = new ConfigurationApp();
        var clusterId = await app.AcmeClusterOnAsync(sim, ct);
        using var cli = new CliRunner(app);
        await cli.LoginAsync(DemoUsers.AcmeAdmin);

        var first = await cli.RunAsync("keycloak", "snapshot", clusterId.ToString(), "--realm", ConfigurationApp.RealmName, "--output", "json");
        realm.Realm["sslRequired"] = "all";
        var second = await cli.RunAsync("keycloak", "snapshot", clusterId.ToString(), "--realm", ConfigurationApp.RealmName);
        var list = await cli.RunAsync("keycloak", "snapshots", clusterId.ToString(), "--output", "json");
        var ids = System.Text.Json.JsonDocument.Parse(list.Stdout).RootElement.GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("id").GetString()!).ToList();
        var diff = await cli.RunAsync("keycloak", "diff", clusterId.ToString(), ids[1], ids[0]);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("\"status\": \"Succeeded\"", first.Stdout, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("drift", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, ids.Count);
        Assert.True(diff.ExitCode == 0, diff.ToString());
        Assert.Contains("~ $.sslRequired: \"external\" → \"all\"", diff.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 change(s)", diff.Stdout, StringComparison.Ordinal);
    }
}
