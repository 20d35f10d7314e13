using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IamOps.Server.Modules.Backups;
using IamOps.Server.Tests.Infrastructure;
using Npgsql;

namespace IamOps.Server.Tests.Backups;

public sealed class InterruptedBackupTests
{
    [Fact]
    public async Task IamOps_killed_mid_backup_leaves_an_interrupted_record_at_restart_and_the_next_run_is_clean()
    {
        var ct = TestContext.Current.CancellationToken;
        var dataDirectory = BackupsApp.NewDataDirectory();
        var sqlite = TestDatabases.NewSqliteConnectionString();
        var database = await BackupTestKit.NewKeycloakDatabaseAsync(100, ct);
        var port = FreePort();

        // A real IamOps process, so it can be SIGKILLed like a crashed server.
        var server = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "IamOps.Server.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["Database__Provider"] = "sqlite",
                ["Database__ConnectionString"] = sqlite,
                ["Database__SeedDemoData"] = "true",
                ["Backups__DataDirectory"] = dataDirectory,
                ["Backups__SchedulerEnabled"] = "false",
            },
        })!;
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        server.OutputDataReceived += (_, e) => log.Enqueue(e.Data ?? "");
        server.ErrorDataReceived += (_, e) => log.Enqueue(e.Data ?? "");
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        Guid cluster;
        Guid runId;
        NpgsqlConnection? blocker = null;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            for (var i = 0; i < 1800 && !await IsLiveAsync(http, ct); i++)
            {
                Assert.False(server.HasExited, string.Join('\n', log));
                await Task.Delay(100, ct);
            }
            var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { email = DemoUsers.ProviderAdmin, password = IamOpsApp.DemoPassword }, ct);
            token.EnsureSuccessStatusCode();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                (await token.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accessToken").GetString());
            cluster = await BackupTestKit.AcmeClusterAsync(http, ct);
            await BackupTestKit.ConnectToTestServerAsync(http, cluster, database, ct);
            await BackupTestKit.SetPolicyAsync(http, cluster, ct);

            blocker = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestDatabases.PostgresAdmin) { Database = database, Pooling = false }.ConnectionString);
            await blocker.OpenAsync(ct);
            var tx = await blocker.BeginTransactionAsync(ct);
            await new NpgsqlCommand("LOCK TABLE admin_event_entity IN ACCESS EXCLUSIVE MODE", blocker, tx).ExecuteNonQueryAsync(ct);
            runId = (await BackupTestKit.StartAsync(http, cluster, ct)).Id;
            var dump = await LogicalBackupTests.WaitForProcessAsync("pg_dump", runId.ToString("N"), ct);

            server.Kill();
            await server.WaitForExitAsync(ct);
            // The machine went down with it: the orphaned pg_dump goes too.
            Process.GetProcessById(dump).Kill();
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill();
            }
            if (blocker is not null)
            {
                await blocker.DisposeAsync();
            }
        }

        await using var restarted = BackupsApp.Create("sqlite", sqlite, dataDirectory, scheduler: false);
        var provider = await restarted.ClientForAsync(DemoUsers.ProviderAdmin, ct);
        var interrupted = (await provider.GetFromJsonAsync<BackupRunDto>($"/api/v1/clusters/{cluster}/backups/runs/{runId}", BackupTestKit.Json, ct))!;

        Assert.Equal(BackupStatus.Interrupted, interrupted.Status);
        Assert.Null(interrupted.Artifact);
        Assert.Empty(Directory.GetDirectories(LogicalBackup.ArtifactRoot(new BackupOptions { DataDirectory = dataDirectory }, cluster), "*.partial"));

        var next = await BackupTestKit.WaitAsync(provider, cluster, (await BackupTestKit.StartAsync(provider, cluster, ct)).Id, ct);
        Assert.Equal(BackupStatus.Succeeded, next.Status);
        Assert.Equal(VerificationStatus.Verified, next.Verification);
        var runs = (await provider.GetFromJsonAsync<List<BackupRunDto>>($"/api/v1/clusters/{cluster}/backups/runs", BackupTestKit.Json, ct))!;
        Assert.Equal([BackupStatus.Succeeded, BackupStatus.Interrupted], runs.Select(r => r.Status).Order());
    }

    private static async Task<bool> IsLiveAsync(HttpClient http, CancellationToken ct)
    {
        try
        {
            return (await http.GetAsync("/health/live", ct)).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    }
}
