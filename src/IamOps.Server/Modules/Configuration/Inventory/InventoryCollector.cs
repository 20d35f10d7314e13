using IamOps.Server.Modules.Clusters;
using IamOps.Server.Modules.Configuration.Keycloak;
using Npgsql;

namespace IamOps.Server.Modules.Configuration.Inventory;

/// <summary>Reads a cluster's servers (node_exporter), Keycloak (server info) and PostgreSQL; a source that fails is reported, not fatal.</summary>
public sealed class InventoryCollector(IClusterConnections connections, IHttpClientFactory http, KeycloakAdminClientFactory keycloak)
{
    public const string HttpClientName = "node-exporter";

    // Settings worth seeing even at their default value.
    private static readonly string[] KeySettings =
    [
        "max_connections", "shared_buffers", "work_mem", "maintenance_work_mem", "effective_cache_size", "wal_level", "max_wal_size",
        "ssl", "password_encryption", "log_min_duration_statement", "timezone", "server_encoding", "data_checksums", "archive_mode",
    ];

    public async Task<InventoryContent> CollectAsync(Guid clusterId, CancellationToken ct)
    {
        var servers = new List<ServerInventory>();
        foreach (var url in await connections.NodeExportersAsync(clusterId, ct))
        {
            servers.Add(await ServerAsync(url, ct));
        }
        var kc = await connections.KeycloakAsync(clusterId, ct) is { } endpoint ? await KeycloakAsync(endpoint, ct) : null;
        var pg = await connections.PostgresAsync(clusterId, ct) is { } database ? await PostgresAsync(database, ct) : null;
        return new InventoryContent(servers, kc, pg);
    }

    private async Task<ServerInventory> ServerAsync(Uri url, CancellationToken ct)
    {
        try
        {
            using var client = http.CreateClient(HttpClientName);
            var text = await client.GetStringAsync(url, ct);
            return NodeExporterMetrics.Summarise(url.ToString(), text);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new ServerInventory(url.ToString(), null, null, null, null, null, null, 0, null, [], $"node_exporter at {url} could not be read: {e.Message}");
        }
    }

    private async Task<KeycloakInventory> KeycloakAsync(KeycloakEndpoint endpoint, CancellationToken ct)
    {
        try
        {
            var info = await keycloak.Create(endpoint).GetServerInfoAsync(ct);
            var providers = (info.Providers ?? []).OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(
                p => p.Key, p => (IReadOnlyList<string>)[.. (p.Value.Providers ?? []).Keys.Order(StringComparer.Ordinal)], StringComparer.Ordinal);
            return new KeycloakInventory(info.SystemInfo?.Version, info.ProfileInfo?.DisabledFeatures ?? [], info.ProfileInfo?.PreviewFeatures ?? [],
                info.ProfileInfo?.ExperimentalFeatures ?? [], providers, null);
        }
        catch (KeycloakApiException e)
        {
            return new KeycloakInventory(null, [], [], [], new Dictionary<string, IReadOnlyList<string>>(), e.Message);
        }
    }

    private static async Task<PostgresInventory> PostgresAsync(PostgresEndpoint endpoint, CancellationToken ct)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(endpoint.ConnectionString()) { Timeout = 10, CommandTimeout = 30, Pooling = false };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(ct);
            string? version = null, serverVersion = null;
            await using (var cmd = new NpgsqlCommand("select version(), current_setting('server_version')", connection))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
            {
                if (await reader.ReadAsync(ct))
                {
                    (version, serverVersion) = (reader.GetString(0), reader.GetString(1));
                }
            }
            var extensions = new Dictionary<string, string>(StringComparer.Ordinal);
            await using (var cmd = new NpgsqlCommand("select extname, extversion from pg_extension order by extname", connection))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    extensions[reader.GetString(0)] = reader.GetString(1);
                }
            }
            var settings = new List<PostgresSetting>();
            await using (var cmd = new NpgsqlCommand(
                "select name, setting, unit, source from pg_settings where source not in ('default', 'override') or name = any(@keys) order by name", connection))
            {
                cmd.Parameters.AddWithValue("keys", KeySettings);
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    var name = reader.GetString(0);
                    // Connection strings (primary_conninfo) can carry a password.
                    var value = name.Contains("conninfo", StringComparison.Ordinal) ? "**********" : reader.IsDBNull(1) ? "" : reader.GetString(1);
                    settings.Add(new PostgresSetting(name, value,
                        reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3)));
                }
            }
            return new PostgresInventory(version, serverVersion, extensions, settings, null);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return new PostgresInventory(null, null, new Dictionary<string, string>(), [], $"PostgreSQL {endpoint} could not be read: {e.Message}");
        }
    }
}
