using System.Net.Http.Json;
using System.Text;
using IamOps.Server.Modules.Backups;
using IamOps.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IamOps.Server.Tests.Backups;

public sealed class PhysicalBackupTypesTests(BackupsApp app) : IClassFixture<BackupsApp>
{
    [Fact]
    public async Task Encrypted_full_differential_and_incremental_backups_are_each_verified_by_a_restore_holding_the_rows_of_their_time()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderAdmin, ct);
        var cluster = await BackupTestKit.AcmeClusterAsync(provider, ct);
        var tools = app.Services.GetRequiredService<ToolRunner>();
        await using var source = await ScratchInstance.PrepareAsync(tools, Path.Combine(app.DataDirectory, "source"), keep: false, ct);
        await source.InitAsync(ct);
        var saved = await provider.PutAsJsonAsync($"/api/v1/clusters/{cluster}/backups/policy", new SaveBackupPolicyRequest(
            BackupMethod.Physical, "30 2 * * *", 10, 7, Encrypted: true, 1, 2, 1, PhysicalBackupType.Full, source.DataDirectory,
            ClientPriority.Normal, "CHG-TEST"), BackupTestKit.Json, ct);
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync(ct));
        var policy = (await saved.Content.ReadFromJsonAsync<BackupPolicyDto>(BackupTestKit.Json, ct))!;
        Assert.True(policy.Encrypted);
        await BackupTestKit.StartArchivingSourceAsync(source, policy.ArchiveCommand!, ct);
        await BackupTestKit.CreateSchemaAsync(source.ConnectionString("keycloak"), 200, ct);
        await BackupTestKit.ConnectAsync(provider, cluster, source.SocketDirectory, source.Port, "keycloak", source.User, ct);

        var full = await RunAsync(provider, cluster, null, ct);
        await AddUsersAsync(source.ConnectionString("keycloak"), 201, 50, ct);
        var diff = await RunAsync(provider, cluster, PhysicalBackupType.Diff, ct);
        await AddUsersAsync(source.ConnectionString("keycloak"), 251, 30, ct);
        var incr = await RunAsync(provider, cluster, PhysicalBackupType.Incr, ct);

        // pgBackRest labels end with the backup type; a differential and an incremental name the backups they build on.
        Assert.EndsWith("F", full.Artifact, StringComparison.Ordinal);
        Assert.EndsWith("D", diff.Artifact, StringComparison.Ordinal);
        Assert.EndsWith("I", incr.Artifact, StringComparison.Ordinal);
        Assert.StartsWith(full.Artifact!, diff.Artifact, StringComparison.Ordinal);
        Assert.StartsWith(full.Artifact!, incr.Artifact, StringComparison.Ordinal);
        // Each was restored into a scratch instance and its row counts matched those recorded at its own time (200, 250, 280 users).
        Assert.All(new[] { full, diff, incr }, r => Assert.Contains("row counts", r.VerificationDetail, StringComparison.Ordinal));

        // The repository is encrypted (OpenSSL's salted format): no backup's manifest is readable without the cipher pass.
        foreach (var label in new[] { full.Artifact!, diff.Artifact!, incr.Artifact! })
        {
            var manifest = Directory.EnumerateFiles(app.DataDirectory, "backup.manifest", SearchOption.AllDirectories)
                .Single(f => Path.GetFileName(Path.GetDirectoryName(f)) == label && f.Contains($"iamops-{cluster:N}", StringComparison.Ordinal));
            var bytes = await File.ReadAllBytesAsync(manifest, ct);
            Assert.Equal("Salted__", Encoding.ASCII.GetString(bytes, 0, 8));
            Assert.DoesNotContain("[backup]", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
        }
    }

    private static async Task<BackupRunDto> RunAsync(HttpClient provider, Guid cluster, PhysicalBackupType? type, CancellationToken ct)
    {
        var r = await provider.PostAsJsonAsync($"/api/v1/clusters/{cluster}/backups/runs", new RunBackupRequest(type), BackupTestKit.Json, ct);
        Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync(ct));
        var run = await BackupTestKit.WaitAsync(provider, cluster, (await r.Content.ReadFromJsonAsync<BackupRunDto>(BackupTestKit.Json, ct))!.Id, ct);
        Assert.True(run.Status == BackupStatus.Succeeded, run.FailureReason + run.Output);
        Assert.True(run.Verification == VerificationStatus.Verified, run.VerificationDetail);
        return run;
    }

    private static async Task AddUsersAsync(string connectionString, int from, int count, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(
            $"INSERT INTO user_entity SELECT 'u' || g, 'user' || g, null, 'acme', g FROM generate_series({from}, {from + count - 1}) g; " +
            $"INSERT INTO credential SELECT 'k' || g, 'u' || g, 'password', md5(g::text) FROM generate_series({from}, {from + count - 1}) g;", conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
