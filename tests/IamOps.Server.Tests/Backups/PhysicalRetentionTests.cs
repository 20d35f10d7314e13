using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using IamOps.Server.Modules.Backups;
using IamOps.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IamOps.Server.Tests.Backups;

/// <summary>Retention of pgBackRest backups against a real repository (its own app: the tests of a class share one cluster).</summary>
public sealed class PhysicalRetentionTests(BackupsApp app) : IClassFixture<BackupsApp>
{
    [Fact]
    public async Task Retention_keeps_what_a_kept_incremental_builds_on_and_expires_the_rest_from_the_repository()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderAdmin, ct);
        var cluster = await BackupTestKit.AcmeClusterAsync(provider, ct);
        var tools = app.Services.GetRequiredService<ToolRunner>();
        await using var source = await ScratchInstance.PrepareAsync(tools, Path.Combine(app.DataDirectory, "source"), keep: false, ct);
        await source.InitAsync(ct);
        var policy = await SavePolicyAsync(provider, cluster, source, retainCount: 10, ct);
        await BackupTestKit.StartArchivingSourceAsync(source, policy.ArchiveCommand!, ct);
        await BackupTestKit.CreateSchemaAsync(source.ConnectionString("keycloak"), 20, ct);
        await BackupTestKit.ConnectAsync(provider, cluster, source.SocketDirectory, source.Port, "keycloak", source.User, ct);

        // Full F1 (the one verified), incremental I1 on it, full F2, incremental I2 on F2: two minutes apart.
        var runs = new List<BackupRunDto>();
        foreach (var type in new[] { PhysicalBackupType.Full, PhysicalBackupType.Incr, PhysicalBackupType.Full, PhysicalBackupType.Incr })
        {
            var r = await provider.PostAsJsonAsync($"/api/v1/clusters/{cluster}/backups/runs", new RunBackupRequest(type), BackupTestKit.Json, ct);
            Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync(ct));
            var run = await BackupTestKit.WaitAsync(provider, cluster, (await r.Content.ReadFromJsonAsync<BackupRunDto>(BackupTestKit.Json, ct))!.Id, ct);
            Assert.True(run.Status == BackupStatus.Succeeded, run.FailureReason + run.Output);
            runs.Add(run);
            app.Clock.Advance(TimeSpan.FromMinutes(2));
        }
        var (f1, i1, f2, i2) = (runs[0], runs[1], runs[2], runs[3]);
        Assert.Equal(VerificationStatus.Verified, f1.Verification);
        Assert.StartsWith(f2.Artifact!, i2.Artifact, StringComparison.Ordinal);

        // Keep one backup, one day: I2 stays (the newest), so F2, which it builds on, stays; F1 stays as the last verified one.
        provider = await app.ClientForAsync(DemoUsers.ProviderAdmin, ct); // the clock moved past the token's lifetime
        await SavePolicyAsync(provider, cluster, source, retainCount: 1, ct);
        app.Clock.Advance(TimeSpan.FromDays(2));
        var expired = await app.WithDbAsync(async (db, sp) => await sp.GetRequiredService<BackupRetention>()
            .ApplyAsync(await db.Set<BackupPolicy>().AsNoTracking().SingleAsync(p => p.ClusterId == cluster, ct), ct));

        Assert.Equal([i1.Id], expired.Select(r => r.Id));
        var info = await tools.RunServerToolAsync(tools.Options.PgBackRest,
            [Regex.Match(policy.ArchiveCommand!, "--config=[^ ]+").Value, Regex.Match(policy.ArchiveCommand!, "--stanza=[^ ]+").Value, "--output=json", "info"],
            null, null, ct);
        using var doc = JsonDocument.Parse(info.Output);
        var labels = doc.RootElement[0].GetProperty("backup").EnumerateArray().Select(b => b.GetProperty("label").GetString()).ToList();
        Assert.Equal([f1.Artifact, f2.Artifact, i2.Artifact], labels);
    }

    private static async Task<BackupPolicyDto> SavePolicyAsync(HttpClient provider, Guid cluster, ScratchInstance source, int retainCount, CancellationToken ct)
    {
        // Verified every 1,000th backup: only the first one is.
        var saved = await provider.PutAsJsonAsync($"/api/v1/clusters/{cluster}/backups/policy", new SaveBackupPolicyRequest(
            BackupMethod.Physical, "30 2 * * *", retainCount, 1, Encrypted: false, 1000, 2, 1, PhysicalBackupType.Full, source.DataDirectory,
            ClientPriority.Normal, "CHG-TEST"), BackupTestKit.Json, ct);
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync(ct));
        return (await saved.Content.ReadFromJsonAsync<BackupPolicyDto>(BackupTestKit.Json, ct))!;
    }
}
