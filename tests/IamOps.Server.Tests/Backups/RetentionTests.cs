using IamOps.Server.Modules.Backups;
using IamOps.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IamOps.Server.Tests.Backups;

public sealed class RetentionTests(BackupsApp app) : IClassFixture<BackupsApp>
{
    [Fact]
    public async Task Retention_expires_old_backups_beyond_the_count_but_keeps_the_last_verified_one()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = await app.ClientForAsync(DemoUsers.ProviderAdmin, ct);
        var cluster = await BackupTestKit.AcmeClusterAsync(provider, ct);
        await BackupTestKit.SetPolicyAsync(provider, cluster, ct, retainCount: 2, retainDays: 3);
        var now = app.Clock.GetUtcNow();
        // Ages 10, 9, 8, 1 and 0 days; only the oldest was ever verified.
        var ages = new[] { 10, 9, 8, 1, 0 };
        var runs = await app.WithDbAsync(async (db, _) =>
        {
            var policy = await db.Set<BackupPolicy>().SingleAsync(p => p.ClusterId == cluster, ct);
            var list = ages.Select(days => new BackupRun
            {
                ClientOrganisationId = policy.ClientOrganisationId, ClusterId = cluster, PolicyId = policy.Id, Method = BackupMethod.Logical,
                Status = BackupStatus.Succeeded, StartedAt = now.AddDays(-days), StartedBy = "test",
                Verification = days == 10 ? VerificationStatus.Verified : VerificationStatus.NotVerified,
                Artifact = Directory.CreateDirectory(Path.Combine(app.DataDirectory, "fake", $"{days}d")).FullName,
            }).ToList();
            db.AddRange(list);
            await db.SaveChangesAsync(ct);
            return list;
        });

        var expired = await app.WithDbAsync(async (db, sp) =>
            await sp.GetRequiredService<BackupRetention>().ApplyAsync(await db.Set<BackupPolicy>().AsNoTracking().SingleAsync(p => p.ClusterId == cluster, ct), ct));

        Assert.Equal(new[] { runs[1].Id, runs[2].Id }.Order(), expired.Select(r => r.Id).Order());
        Assert.True(Directory.Exists(runs[0].Artifact), "the last verified backup must survive");
        Assert.False(Directory.Exists(runs[1].Artifact));
        Assert.True(Directory.Exists(runs[4].Artifact));
    }
}
