using System.Net.Http.Json;
using System.Text.Json;
using IamOps.Server.Data;
using IamOps.Server.Modules.Backups;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace IamOps.Server.Tests.Backups;

/// <summary>IamOps with its backup data directory in a temp folder the postgres user can reach.</summary>
public class BackupsApp : IamOpsApp
{
    private readonly string? _sharedConnection;
    private readonly bool _scheduler;

    public BackupsApp() : this("sqlite", null, null, false)
    {
    }

    /// <summary>An app on the given provider; with a shared connection it joins another app's database (a second IamOps instance).</summary>
    public static BackupsApp Create(string provider, string? sharedConnection, string? dataDirectory, bool scheduler) =>
        new(provider, sharedConnection, dataDirectory, scheduler);

    private BackupsApp(string provider, string? sharedConnection, string? dataDirectory, bool scheduler) : base(provider)
    {
        _sharedConnection = sharedConnection;
        _scheduler = scheduler;
        DataDirectory = dataDirectory ?? NewDataDirectory();
    }

    public string DataDirectory { get; }

    public string Database => _sharedConnection ?? ConnectionString;

    public static string NewDataDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"iamops-backups-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        }
        return dir;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Backups:DataDirectory", DataDirectory);
        builder.UseSetting("Backups:SchedulerEnabled", _scheduler ? "true" : "false");
        builder.UseSetting("Backups:ToolTimeout", "00:05:00");
        if (_scheduler)
        {
            // Quartz takes the container's TimeProvider: a frozen fake clock would never reach a fire time.
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(TimeProvider.System);
            });
        }
        if (_sharedConnection is not null)
        {
            builder.UseSetting("Database:ConnectionString", _sharedConnection);
            builder.UseSetting("Database:SeedDemoData", "false");
        }
    }

    /// <summary>Runs work against the database as the system (sees every tenant).</summary>
    public async Task<T> WithDbAsync<T>(Func<IamOpsDb, IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        return await work(scope.ServiceProvider.GetRequiredService<IamOpsDb>(), scope.ServiceProvider);
    }
}

/// <summary>Test helpers: a Keycloak-like source database, the cluster set up through the API, waiting for runs.</summary>
public static class BackupTestKit
{
    public static readonly JsonSerializerOptions Json = IamOpsApp.Json;

    /// <summary>A fresh database on the test server with a small Keycloak-like schema; returns its name.</summary>
    public static async Task<string> NewKeycloakDatabaseAsync(int users, CancellationToken ct)
    {
        var admin = TestDatabases.PostgresAdmin ?? throw new InvalidOperationException("IAMOPS_TEST_POSTGRES is not set: run through ./test.sh.");
        var name = $"kc_{Guid.NewGuid():N}"[..20];
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await CreateSchemaAsync(new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString, users, ct);
        return name;
    }

    public static async Task CreateSchemaAsync(string connectionString, int users, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        var sql = $"""
            CREATE TABLE realm (id varchar(36) PRIMARY KEY, name varchar(255) UNIQUE NOT NULL);
            CREATE TABLE client (id varchar(36) PRIMARY KEY, client_id varchar(255) NOT NULL, realm_id varchar(36) NOT NULL REFERENCES realm(id));
            CREATE TABLE user_entity (id varchar(36) PRIMARY KEY, username varchar(255) NOT NULL, email varchar(255), realm_id varchar(36) NOT NULL REFERENCES realm(id), created_timestamp bigint);
            CREATE TABLE credential (id varchar(36) PRIMARY KEY, user_id varchar(36) NOT NULL REFERENCES user_entity(id), type varchar(255), secret_data text);
            CREATE TABLE migration_model (id varchar(36) PRIMARY KEY, version varchar(36), update_time bigint NOT NULL DEFAULT 0);
            CREATE TABLE admin_event_entity (id varchar(36) PRIMARY KEY, realm_id varchar(36), operation_type varchar(255));
            INSERT INTO realm VALUES ('master', 'master'), ('acme', 'acme');
            INSERT INTO client SELECT 'c' || g, 'client-' || g, 'acme' FROM generate_series(1, 20) g;
            INSERT INTO user_entity SELECT 'u' || g, 'user' || g, 'user' || g || '@acme.example', 'acme', g FROM generate_series(1, {users}) g;
            INSERT INTO credential SELECT 'k' || g, 'u' || g, 'password', md5(g::text) FROM generate_series(1, {users}) g;
            INSERT INTO migration_model VALUES ('m1', '21.0.1', 0);
            INSERT INTO admin_event_entity SELECT 'e' || g, 'acme', 'CREATE' FROM generate_series(1, 10) g;
            """;
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Starts a source instance that archives its WAL with the policy's command, holding an empty "keycloak" database.</summary>
    public static async Task StartArchivingSourceAsync(ScratchInstance source, string archiveCommand, CancellationToken ct)
    {
        await File.AppendAllTextAsync(Path.Combine(source.DataDirectory, "postgresql.conf"),
            $"\nwal_level = replica\narchive_mode = on\narchive_command = '{archiveCommand}'\n", ct);
        await source.StartAsync(ct, archiving: true);
        await using var admin = new NpgsqlConnection(source.ConnectionString());
        await admin.OpenAsync(ct);
        await using var create = new NpgsqlCommand("CREATE DATABASE keycloak", admin);
        await create.ExecuteNonQueryAsync(ct);
    }

    public static async Task<Guid> AcmeClusterAsync(HttpClient provider, CancellationToken ct)
    {
        var page = await provider.GetFromJsonAsync<JsonElement>("/api/v1/clusters?size=100", Json, ct);
        return page.GetProperty("items").EnumerateArray().First(c => c.GetProperty("name").GetString()!.Contains("acme", StringComparison.OrdinalIgnoreCase)
            || c.GetProperty("clientOrganisationId").GetGuid() != Guid.Empty).GetProperty("id").GetGuid();
    }

    public static async Task ConnectAsync(HttpClient provider, Guid clusterId, string host, int port, string database, string user, CancellationToken ct)
    {
        var r = await provider.PutAsJsonAsync($"/api/v1/clusters/{clusterId}/connection", new
        {
            postgresHost = host, postgresPort = port, postgresDatabase = database, postgresUsername = user,
        }, Json, ct);
        r.EnsureSuccessStatusCode();
    }

    public static async Task ConnectToTestServerAsync(HttpClient provider, Guid clusterId, string database, CancellationToken ct)
    {
        var b = new NpgsqlConnectionStringBuilder(TestDatabases.PostgresAdmin);
        await ConnectAsync(provider, clusterId, b.Host!, b.Port, database, b.Username!, ct);
    }

    public static async Task<BackupPolicyDto> SetPolicyAsync(HttpClient provider, Guid clusterId, CancellationToken ct,
        BackupMethod method = BackupMethod.Logical, string schedule = "30 2 * * *", int retainCount = 7, int retainDays = 7, string? dataDirectory = null,
        ManifestChecksum? checksum = null)
    {
        var r = await provider.PutAsJsonAsync($"/api/v1/clusters/{clusterId}/backups/policy", new SaveBackupPolicyRequest(
            method, schedule, retainCount, retainDays, false, 1, 2, 1, PhysicalBackupType.Full, dataDirectory, ClientPriority.Normal, "CHG-TEST", checksum), Json, ct);
        Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync(ct));
        return (await r.Content.ReadFromJsonAsync<BackupPolicyDto>(Json, ct))!;
    }

    public static async Task<BackupRunDto> StartAsync(HttpClient provider, Guid clusterId, CancellationToken ct)
    {
        var r = await provider.PostAsJsonAsync($"/api/v1/clusters/{clusterId}/backups/runs", new RunBackupRequest(null), Json, ct);
        Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync(ct));
        return (await r.Content.ReadFromJsonAsync<BackupRunDto>(Json, ct))!;
    }

    /// <summary>Starts a restore (not a dry run) and waits until it has ended.</summary>
    public static async Task<RestoreRunDto> RestoreAsync(HttpClient provider, Guid clusterId, RestoreBackupRequest request, CancellationToken ct)
    {
        var started = await provider.PostAsJsonAsync($"/api/v1/clusters/{clusterId}/backups/restores", request, Json, ct);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, started.StatusCode);
        var restore = (await started.Content.ReadFromJsonAsync<RestoreRunDto>(Json, ct))!;
        for (var i = 0; i < 1200 && restore.Status == RestoreStatus.Running; i++)
        {
            await Task.Delay(100, ct);
            restore = (await provider.GetFromJsonAsync<RestoreRunDto>(started.Headers.Location, Json, ct))!;
        }
        return restore;
    }

    public static async Task<BackupRunDto> WaitAsync(HttpClient provider, Guid clusterId, Guid runId, CancellationToken ct)
    {
        for (var i = 0; i < 1200; i++)
        {
            var run = (await provider.GetFromJsonAsync<BackupRunDto>($"/api/v1/clusters/{clusterId}/backups/runs/{runId}", Json, ct))!;
            if (!run.Active)
            {
                return run;
            }
            await Task.Delay(100, ct);
        }
        throw new TimeoutException($"Backup {runId} did not finish.");
    }
}
