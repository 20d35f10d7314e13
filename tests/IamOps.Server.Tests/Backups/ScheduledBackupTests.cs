using IamOps.Server.Modules.Backups;
using IamOps.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Tests.Backups;

public sealed class ScheduledBackupTests
{
    [Fact]
    public async Task Two_IamOps_instances_on_one_PostgreSQL_run_each_scheduled_backup_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var first = BackupsApp.Create("postgres", null, null, scheduler: true);
        var provider = await first.ClientForAsync(DemoUsers.ProviderAdmin, ct);
        await using var second = BackupsApp.Create("postgres", first.ConnectionString, first.DataDirectory, scheduler: true);
        _ = second.Services; // starts the second instance's scheduler
        var cluster = await BackupTestKit.AcmeClusterAsync(provider, ct);
        await BackupTestKit.ConnectToTestServerAsync(provider, cluster, await BackupTestKit.NewKeycloakDatabaseAsync(50, ct), ct);

        // Every 4 seconds (Quartz cron with seconds), for about 14 seconds, then once a year.
        await BackupTestKit.SetPolicyAsync(provider, cluster, ct, schedule: "0/4 * * * * ?");
        await Task.Delay(TimeSpan.FromSeconds(14), ct);
        await BackupTestKit.SetPolicyAsync(provider, cluster, ct, schedule: "0 0 3 1 1 ?");
        // Until nothing has run or verified for 2 s (a job fired just before the policy changed may not have its record yet); 3 min at most on a loaded machine.
        var quietSince = DateTime.UtcNow;
        for (var i = 0; i < 1800 && DateTime.UtcNow - quietSince < TimeSpan.FromSeconds(2); i++)
        {
            if (await first.WithDbAsync((db, _) => db.Set<BackupRun>().AnyAsync(r => r.ClusterId == cluster
                && (r.Status == BackupStatus.Running || r.Verification == VerificationStatus.Verifying), ct)))
            {
                quietSince = DateTime.UtcNow;
            }
            await Task.Delay(100, ct);
        }

        var runs = await first.WithDbAsync((db, _) => db.Set<BackupRun>().AsNoTracking().Where(r => r.ClusterId == cluster).ToListAsync(ct));
        var described = string.Join("\n", runs.Select(r => $"{r.Id} for={r.ScheduledFor:O} started={r.StartedAt:O} {r.Status}/{r.Verification} {r.FailureReason}"));
        Assert.True(runs.Count >= 2, $"{runs.Count} scheduled runs in 14 s at one every 4 s");
        Assert.All(runs, r => Assert.Equal(BackupTrigger.Scheduled, r.Trigger));
        Assert.Equal(runs.Count, runs.Select(r => r.ScheduledFor).Distinct().Count());
        Assert.True(runs.All(r => r.Status == BackupStatus.Succeeded), described);
        // Each instance's long unit of work (run, then verification) shares the client's audit chain with the other's.
        Assert.True(runs.All(r => r.Verification == VerificationStatus.Verified), described);
    }

    [Fact]
    public async Task The_database_refuses_a_second_run_for_the_same_policy_and_fire_time()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = BackupsApp.Create("postgres", null, null, scheduler: false);
        var provider = await app.ClientForAsync(DemoUsers.ProviderAdmin, ct);
        var cluster = await BackupTestKit.AcmeClusterAsync(provider, ct);
        await BackupTestKit.SetPolicyAsync(provider, cluster, ct);
        var fireTime = new DateTimeOffset(2026, 3, 2, 2, 30, 0, TimeSpan.Zero);

        var outcome = await app.WithDbAsync(async (db, _) =>
        {
            var policy = await db.Set<BackupPolicy>().SingleAsync(p => p.ClusterId == cluster, ct);
            BackupRun Run() => new()
            {
                ClientOrganisationId = policy.ClientOrganisationId, ClusterId = cluster, PolicyId = policy.Id, Trigger = BackupTrigger.Scheduled,
                ScheduledFor = fireTime, StartedAt = fireTime, StartedBy = "test", Status = BackupStatus.Failed,
            };
            db.Add(Run());
            await db.SaveChangesAsync(ct);
            db.Add(Run());
            return await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(ct));
        });

        Assert.Contains("duplicate key", outcome.InnerException!.Message, StringComparison.Ordinal);
    }
}
