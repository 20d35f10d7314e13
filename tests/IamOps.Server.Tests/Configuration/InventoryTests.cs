using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IamOps.Server.Tests.Infrastructure;
using Npgsql;

namespace IamOps.Server.Tests.Configuration;

public sealed class InventoryTests
{
    [Fact]
    public async Task Provider_takes_an_inventory_from_node_exporter_Keycloak_and_PostgreSQL_and_the_client_reads_it_as_JSON_and_CSV()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var exporter = await NodeExporter.StartAsync(ct);
        await using var sim = await KeycloakSimulator.KeycloakSimulator.StartWithMasterAsync(ct);
        await using var app = new ConfigurationApp();
        var clusterId = await app.AcmeClusterOnAsync(sim, ct);
        var database = new NpgsqlConnectionStringBuilder(TestDatabases.NewPostgresDatabase());
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var create = new NpgsqlCommand("create extension if not exists pg_trgm", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        var maxConnections = await ScalarAsync(database.ConnectionString, "show max_connections", ct);
        var closedPort = NodeExporter.FreePort();
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        (await provider.PutAsJsonAsync($"/api/v1/clusters/{clusterId}/connection", new
        {
            keycloakBaseUrl = sim.BaseUrl.ToString(), keycloakClientId = "iamops", keycloakSecret = "iamops-secret",
            postgresHost = database.Host, postgresPort = database.Port, postgresDatabase = database.Database, postgresUsername = database.Username,
            postgresPassword = database.Password ?? "",
            nodeExporterUrls = new[] { exporter.Metrics.ToString(), $"http://127.0.0.1:{closedPort}/metrics" },
        }, ct)).EnsureSuccessStatusCode();

        var taken = await provider.PostAsync($"/api/v1/clusters/{clusterId}/inventory", null, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeViewer, ct);
        var report = await acme.GetFromJsonAsync<JsonElement>(taken.Headers.Location, ct);
        var csv = await acme.GetStringAsync($"{taken.Headers.Location}/csv", ct);
        var history = await acme.GetFromJsonAsync<JsonElement>($"/api/v1/clusters/{clusterId}/inventory", ct);
        var notifications = await acme.GetStringAsync("/api/v1/notifications?pageSize=200", ct);

        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        var content = report.GetProperty("content");
        var server = content.GetProperty("servers")[0];
        Assert.Equal((await File.ReadAllTextAsync("/proc/sys/kernel/osrelease", ct)).Trim(), server.GetProperty("kernelRelease").GetString());
        Assert.Equal("Linux", server.GetProperty("kernel").GetString());
        Assert.Equal(File.ReadAllLines("/proc/stat").Count(l => l.StartsWith("cpu", StringComparison.Ordinal) && char.IsDigit(l[3])), server.GetProperty("cpus").GetInt32());
        Assert.Equal(MemTotalBytes(), server.GetProperty("memoryBytes").GetInt64());
        Assert.Contains(server.GetProperty("filesystems").EnumerateArray(), f => f.GetProperty("mountpoint").GetString() == "/" && f.GetProperty("sizeBytes").GetInt64() > 0);
        Assert.Contains("could not be read", content.GetProperty("servers")[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("21.0.1", content.GetProperty("keycloak").GetProperty("version").GetString());
        Assert.Contains("DOCKER", content.GetProperty("keycloak").GetProperty("disabledFeatures").EnumerateArray().Select(f => f.GetString()));
        var pg = content.GetProperty("postgres");
        Assert.Equal(await ScalarAsync(database.ConnectionString, "show server_version", ct), pg.GetProperty("serverVersion").GetString());
        Assert.True(pg.GetProperty("extensions").TryGetProperty("pg_trgm", out _));
        Assert.Contains(pg.GetProperty("settings").EnumerateArray(), s => s.GetProperty("name").GetString() == "max_connections" && s.GetProperty("setting").GetString() == maxConnections);
        Assert.StartsWith("section,item,key,value\n", csv, StringComparison.Ordinal);
        Assert.Contains("keycloak,server,version,21.0.1", csv, StringComparison.Ordinal);
        Assert.Contains("postgresql-extension,pg_trgm,version,", csv, StringComparison.Ordinal);
        Assert.Equal(1, history.GetArrayLength());
        Assert.Contains("could not be read", history[0].GetProperty("problems").GetString(), StringComparison.Ordinal);
        Assert.Contains("Inventory of", notifications, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_provider_takes_inventories_and_another_client_cannot_read_them()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await KeycloakSimulator.KeycloakSimulator.StartWithMasterAsync(ct);
        await using var app = new ConfigurationApp();
        var clusterId = await app.AcmeClusterOnAsync(sim, ct);
        var provider = await app.ClientForAsync(DemoUsers.ProviderOperator, ct);
        var acme = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        var globex = await app.ClientForAsync(DemoUsers.GlobexAdmin, ct);

        var byClient = await acme.PostAsync($"/api/v1/clusters/{clusterId}/inventory", null, ct);
        var taken = await provider.PostAsync($"/api/v1/clusters/{clusterId}/inventory", null, ct);
        var byGlobex = await globex.GetAsync(taken.Headers.Location, ct);
        var csvByGlobex = await globex.GetAsync($"{taken.Headers.Location}/csv", ct);

        Assert.Equal(HttpStatusCode.Forbidden, byClient.StatusCode);
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byGlobex.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, csvByGlobex.StatusCode);
    }

    private static long MemTotalBytes() =>
        long.Parse(File.ReadAllLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;

    private static async Task<string> ScalarAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, connection);
        return (string)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
