using System.Net.Http.Json;
using System.Text.Json;
using IamOps.Cli.Tests.Infrastructure;
using IamOps.Server.Tests.Configuration;
using IamOps.Server.Tests.Infrastructure;

namespace IamOps.Cli.Tests.Inventory;

public sealed class InventoryCliTests
{
    [Fact]
    public async Task The_provider_takes_an_inventory_from_the_command_line_and_a_client_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var exporter = await NodeExporter.StartAsync(ct);
        await using var sim = await KeycloakSimulator.KeycloakSimulator.StartWithMasterAsync(ct);
        await using var app = new ConfigurationApp();
        var clusterId = await app.AcmeClusterOnAsync(sim, ct);
        var http = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        (await http.PutAsJsonAsync($"/api/v1/clusters/{clusterId}/connection", new
        {
            keycloakBaseUrl = sim.BaseUrl.ToString(), keycloakClientId = "iamops", keycloakSecret = "iamops-secret",
            nodeExporterUrls = new[] { exporter.Metrics.ToString() },
        }, ct)).EnsureSuccessStatusCode();
        var kernel = (await File.ReadAllTextAsync("/proc/sys/kernel/osrelease", ct)).Trim();
        using var provider = new CliRunner(app);
        await provider.LoginAsync(DemoUsers.ProviderOperator);
        using var client = new CliRunner(app);
        await client.LoginAsync(DemoUsers.AcmeAdmin);

        var table = await provider.RunAsync("inventory", clusterId.ToString());
        var json = await provider.RunAsync("inventory", clusterId.ToString(), "--output", "json");
        var refused = await client.RunAsync("inventory", clusterId.ToString());
        var unknown = await provider.RunAsync("inventory", Guid.NewGuid().ToString());
        var history = await http.GetFromJsonAsync<JsonElement>($"/api/v1/clusters/{clusterId}/inventory", ct);

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains($"Linux {kernel}", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("Keycloak 21.0.1", table.Stdout, StringComparison.Ordinal);
        Assert.True(json.ExitCode == 0, json.ToString());
        using (var report = JsonDocument.Parse(json.Stdout))
        {
            var server = report.RootElement.GetProperty("content").GetProperty("servers")[0];
            Assert.Equal(kernel, server.GetProperty("kernelRelease").GetString());
            Assert.True(server.GetProperty("cpus").GetInt32() > 0);
        }
        Assert.Equal(3, refused.ExitCode);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("does not exist or is not visible to you", unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, history.GetArrayLength());
    }
}
