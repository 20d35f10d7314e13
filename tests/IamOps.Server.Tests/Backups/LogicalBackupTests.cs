using System.Diagnostics;
using System.IO.Hashing;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using IamOps.Server.Modules.Backups;
using IamOps.Server.Modules.Incidents;
using IamOps.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IamOps.Server.Tests.Backups;

public sealed class LogicalBackupTests(BackupsApp app) : IClassFixture<BackupsApp>
{
    [Fact]
    public async Task A_logical_backup_is_verified_by_a_restore_with_the_row_counts_of_its_snapshot()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderAdmin, ct);
        var cluster = await BackupTestKit.AcmeClusterAsync(provider, ct);
        await BackupTestKit.ConnectToTestServerAsync(provider, cluster, await BackupTestKit.NewKeycloakDatabaseAsync(500, ct), ct);
        await BackupTestKit.SetPolicyAsync(provider, cluster, ct, checksum: ManifestChecksum.Xxh128);

        var run = await BackupTestKit.WaitAsync(provider, cluster, (await BackupTestKit.StartAsync(provider, cluster, ct)).Id, ct);

        Assert.Equal(BackupStatus.Succeeded, run.Status);
        Assert.Equal(VerificationStatus.Verified, run.Verification);
        Assert.NotNull(run.RestoreDurationMs);
        Assert.True(File.Exists(Path.Combine(run.Artifact!, "toc.dat")));
        var stored = await app.WithDbAsync((db, _) => db.Set<BackupRun>().SingleAsync(r => r.Id == run.Id, ct));
        Assert.Contains("\"user_entity\":500", stored.Counts!, StringComparison.Ordinal);
        // XXH128: every file of the artifact, with its size and the checksum of its bytes.
        var manifest = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(stored.Manifest!)!;
        Assert.Equal(Directory.GetFiles(run.Artifact!).Select(Path.GetFileName).Order(StringComparer.Ordinal), manifest.Keys.Order(StringComparer.Ordinal));
        foreach (var file in Directory.GetFiles(run.Artifact!))
        {
            var entry = manifest[Path.GetFileName(file)];
            Assert.Equal(new FileInfo(file).Length, entry.GetProperty("Size").GetInt64());
            Assert.Equal(Convert.ToHexStringLower(XxHash128.Hash(await File.ReadAllBytesAsync(file, ct))), entry.GetProperty("Xxh128").GetString());
            Assert.False(entry.TryGetProperty("Sha256", out _));
        }
    }

    [Fact]
    public async Task A_backup_is_checked_with_the_checksum_it_was_recorded_with_after_the_policy_changed()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderAdmin, ct);
        var acme = await provider.GetFromJsonAsync<JsonElement>($"/api/v1/clusters/{await BackupTestKit.AcmeClusterAsync(provider, ct)}", ct);
        var registered = await provider.PostAsJsonAsync("/api/v1/clusters", new
        {
            clientOrganisationId = acme.GetProperty("clientOrganisationId").GetGuid(), name = $"acme-checksum-{Guid.NewGuid():N}"[..24], environment = "Staging",
            keycloakVersion = "26.0.7", hostingRegion = "eu-west-3", postgresInstance = "pg:5432", postgresDatabase = "keycloak",
            nodes = new[] { new { host = "kc-1", httpPort = 8080, managementPort = 9000 } },
        }, ct);
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync(ct));
        var cluster = (await registered.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        await BackupTestKit.ConnectToTestServerAsync(provider, cluster, await BackupTestKit.NewKeycloakDatabaseAsync(30, ct), ct);
        // A new policy takes XXH128 unless told otherwise.
        Assert.Equal(ManifestChecksum.Xxh128, (await BackupTestKit.SetPolicyAsync(provider, cluster, ct)).Checksum);
        var policy = await BackupTestKit.SetPolicyAsync(provider, cluster, ct, checksum: ManifestChecksum.Sha256);
        Assert.Equal(ManifestChecksum.Sha256, policy.Checksum);
        var run = await BackupTestKit.WaitAsync(provider, cluster, (await BackupTestKit.StartAsync(provider, cluster, ct)).Id, ct);
        Assert.Equal(VerificationStatus.Verified, run.Verification);
        var stored = await app.WithDbAsync((db, _) => db.Set<BackupRun>().SingleAsync(r => r.Id == run.Id, ct));
        var toc = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(stored.Manifest!)!["toc.dat"];
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(run.Artifact!, "toc.dat"), ct))), toc.GetProperty("Sha256").GetString());
        Assert.False(toc.TryGetProperty("Xxh128", out _));

        // Saving the policy again without a checksum keeps it; switching to XXH128 leaves the SHA-256 backup checked by SHA-256.
        Assert.Equal(ManifestChecksum.Sha256, (await BackupTestKit.SetPolicyAsync(provider, cluster, ct)).Checksum);
        Assert.Equal(ManifestChecksum.Xxh128, (await BackupTestKit.SetPolicyAsync(provider, cluster, ct, checksum: ManifestChecksum.Xxh128)).Checksum);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await provider.PostAsync($"/api/v1/clusters/{cluster}/backups/runs/{run.Id}/verify", null, ct)).StatusCode);
        var again = await BackupTestKit.WaitAsync(provider, cluster, run.Id, ct);
        Assert.True(again.Verification == VerificationStatus.Verified, again.VerificationDetail);
        var procedure = await provider.GetStringAsync($"/api/v1/clusters/{cluster}/backups/procedure", ct);
        Assert.Contains("XXH128 checksum of every file", procedure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_logical_restore_creates_a_new_database_which_the_provider_then_releases()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderAdmin, ct);
        var cluster = await BackupTestKit.AcmeClusterAsync(provider, ct);
        var database = await BackupTestKit.NewKeycloakDatabaseAsync(40, ct);
        await BackupTestKit.ConnectToTestServerAsync(provider, cluster, database, ct);
        await BackupTestKit.SetPolicyAsync(provider, cluster, ct);
        var run = await BackupTestKit.WaitAsync(provider, cluster, (await BackupTestKit.StartAsync(provider, cluster, ct)).Id, ct);
        Assert.Equal(BackupStatus.Succeeded, run.Status);

        var restore = await BackupTestKit.RestoreAsync(provider, cluster, new RestoreBackupRequest(run.Id, null, "CHG-7", false), ct);
        Assert.True(restore.Status == RestoreStatus.Succeeded, restore.FailureReason);
        Assert.True(restore.Releasable);
        var restoredName = $"{database}_restore_";
        Assert.Equal(40L, await ScalarAsync<long>(restore.Target!.Split(' ')[1], "SELECT count(*) FROM user_entity", ct));

        // A client user may not release; the provider may, once.
        var client = await app.ClientForAsync(DemoUsers.AcmeAdmin, ct);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await client.DeleteAsync($"/api/v1/clusters/{cluster}/backups/restores/{restore.Id}/target", ct)).StatusCode);
        var released = await provider.DeleteAsync($"/api/v1/clusters/{cluster}/backups/restores/{restore.Id}/target", ct);
        Assert.True(released.IsSuccessStatusCode, await released.Content.ReadAsStringAsync(ct));
        var again = await provider.DeleteAsync($"/api/v1/clusters/{cluster}/backups/restores/{restore.Id}/target", ct);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains(DemoUsers.ProviderAdmin, await again.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        Assert.Equal(0L, await ScalarAsync<long>("postgres", $"SELECT count(*) FROM pg_database WHERE datname LIKE '{restoredName}%'", ct));
        var listed = (await provider.GetFromJsonAsync<List<RestoreRunDto>>($"/api/v1/clusters/{cluster}/backups/restores", BackupTestKit.Json, ct))!;
        var entry = Assert.Single(listed, r => r.Id == restore.Id);
        Assert.Equal(DemoUsers.ProviderAdmin, entry.ReleasedBy);
        Assert.False(entry.Releasable);
    }

    private static async Task<T> ScalarAsync<T>(string database, string sql, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestDatabases.PostgresAdmin) { Database = database, Pooling = false }.ConnectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync(ct))!;
    }

    [Theory]
    [InlineData(ManifestChecksum.Xxh128)]
    [InlineData(ManifestChecksum.Sha256)]
    public async Task A_corrupted_artifact_fails_verification_and_opens_an_incident(ManifestChecksum checksum)
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderAdmin, ct);
        var cluster = await BackupTestKit.AcmeClusterAsync(provider, ct);
        await BackupTestKit.ConnectToTestServerAsync(provider, cluster, await BackupTestKit.NewKeycloakDatabaseAsync(200, ct), ct);
        await BackupTestKit.SetPolicyAsync(provider, cluster, ct, checksum: checksum);
        var run = await BackupTestKit.WaitAsync(provider, cluster, (await BackupTestKit.StartAsync(provider, cluster, ct)).Id, ct);
        Assert.Equal(VerificationStatus.Verified, run.Verification);

        var data = Directory.GetFiles(run.Artifact!, "*.dat.gz").OrderByDescending(f => new FileInfo(f).Length).First();
        var bytes = await File.ReadAllBytesAsync(data, ct);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(data, bytes, ct);
        var verify = await provider.PostAsync($"/api/v1/clusters/{cluster}/backups/runs/{run.Id}/verify", null, ct);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, verify.StatusCode);
        var verified = await BackupTestKit.WaitAsync(provider, cluster, run.Id, ct);

        Assert.Equal(VerificationStatus.VerificationFailed, verified.Verification);
        Assert.Contains("checksum mismatch", verified.VerificationDetail, StringComparison.Ordinal);
        var incidents = await app.WithDbAsync((db, _) => db.Set<Incident>().ToListAsync(ct));
        Assert.Contains(incidents, i => i.Links.Any(l => l.Kind == IncidentLinkKind.Backup && l.Reference == run.Id.ToString()));
    }

    [Fact]
    public async Task An_unreachable_source_database_fails_the_backup_with_the_reason()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderAdmin, ct);
        var cluster = await BackupTestKit.AcmeClusterAsync(provider, ct);
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await BackupTestKit.ConnectAsync(provider, cluster, "127.0.0.1", port, "keycloak", "keycloak", ct);
        await BackupTestKit.SetPolicyAsync(provider, cluster, ct);

        var run = await BackupTestKit.WaitAsync(provider, cluster, (await BackupTestKit.StartAsync(provider, cluster, ct)).Id, ct);

        Assert.Equal(BackupStatus.Failed, run.Status);
        Assert.Contains("unreachable", run.FailureReason, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", run.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Killing_pg_dump_mid_way_leaves_a_failed_record_and_no_artifact()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderAdmin, ct);
        var cluster = await BackupTestKit.AcmeClusterAsync(provider, ct);
        var database = await BackupTestKit.NewKeycloakDatabaseAsync(100, ct);
        await BackupTestKit.ConnectToTestServerAsync(provider, cluster, database, ct);
        await BackupTestKit.SetPolicyAsync(provider, cluster, ct);

        // pg_dump waits for this lock, so it is certainly running when it is killed.
        await using var blocker = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestDatabases.PostgresAdmin) { Database = database, Pooling = false }.ConnectionString);
        await blocker.OpenAsync(ct);
        await using var tx = await blocker.BeginTransactionAsync(ct);
        await using (var lockCmd = new NpgsqlCommand("LOCK TABLE admin_event_entity IN ACCESS EXCLUSIVE MODE", blocker, tx))
        {
            await lockCmd.ExecuteNonQueryAsync(ct);
        }
        var started = await BackupTestKit.StartAsync(provider, cluster, ct);
        var pid = await WaitForProcessAsync("pg_dump", started.Id.ToString("N"), ct);
        Process.GetProcessById(pid).Kill();
        await tx.RollbackAsync(ct);

        var run = await BackupTestKit.WaitAsync(provider, cluster, started.Id, ct);

        Assert.Equal(BackupStatus.Failed, run.Status);
        Assert.Contains("pg_dump exited with code", run.FailureReason, StringComparison.Ordinal);
        Assert.Null(run.Artifact);
        var root = LogicalBackup.ArtifactRoot(new BackupOptions { DataDirectory = app.DataDirectory }, cluster);
        Assert.Empty(Directory.GetDirectories(root, $"{started.Id:N}*"));
        var runs = await provider.GetFromJsonAsync<List<BackupRunDto>>($"/api/v1/clusters/{cluster}/backups/runs", BackupTestKit.Json, ct);
        Assert.DoesNotContain(runs!, r => r.Id == started.Id && r.Status == BackupStatus.Succeeded);
    }

    internal static async Task<int> WaitForProcessAsync(string name, string marker, CancellationToken ct)
    {
        for (var i = 0; i < 300; i++)
        {
            foreach (var dir in Directory.GetDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid))
                {
                    continue;
                }
                try
                {
                    var cmd = (await File.ReadAllTextAsync(Path.Combine(dir, "cmdline"), ct)).Replace('\0', ' ');
                    // The leader pg_dump (its -f names the artifact), not one of its parallel workers' shells.
                    if (cmd.Contains(name, StringComparison.Ordinal) && cmd.Contains(marker, StringComparison.Ordinal))
                    {
                        return pid;
                    }
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
            await Task.Delay(100, ct);
        }
        throw new TimeoutException($"No {name} process for {marker}.");
    }
}
