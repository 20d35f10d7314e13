using IamOps.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Backups;

/// <summary>Expires backups beyond the policy's count and age, never the newest verified one.</summary>
public sealed class BackupRetention(IamOpsDb db, PhysicalBackup physical, TimeProvider clock)
{
    /// <summary>A backup goes once it is both beyond the newest <c>RetainCount</c> and older than <c>RetainDays</c>.</summary>
    public async Task<List<BackupRun>> ApplyAsync(BackupPolicy policy, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var kept = await db.Set<BackupRun>().AsTracking()
            .Where(r => r.ClusterId == policy.ClusterId && r.Status == BackupStatus.Succeeded && r.ExpiredAt == null)
            .ToListAsync(ct);
        kept = [.. kept.OrderByDescending(r => r.StartedAt)];
        var lastVerified = kept.FirstOrDefault(r => r.Verification == VerificationStatus.Verified);
        var expired = kept.Skip(policy.RetainCount)
            .Where(r => now - r.StartedAt > TimeSpan.FromDays(policy.RetainDays))
            .Where(r => r.Id != lastVerified?.Id)
            .ToList();
        foreach (var run in expired)
        {
            if (run.Method == BackupMethod.Logical)
            {
                if (run.Artifact is not null)
                {
                    LogicalBackup.TryDelete(run.Artifact);
                }
            }
            else if (run.Artifact is not null)
            {
                var result = await physical.ExpireAsync(policy, run.Artifact, ct);
                if (!result.Succeeded)
                {
                    continue;
                }
            }
            run.ExpiredAt = now;
        }
        await db.SaveChangesAsync(ct);
        return expired.Where(r => r.ExpiredAt is not null).ToList();
    }
}
