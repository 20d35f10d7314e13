using IamOps.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Backups;

/// <summary>Expires backups beyond the policy's count and age, never the newest verified one.</summary>
public sealed class BackupRetention(IamOpsDb db, PhysicalBackup physical, TimeProvider clock)
{
    /// <summary>A backup goes once it is both beyond the newest <c>RetainCount</c> and older than <c>RetainDays</c>,
    /// unless a backup that stays builds on it (pgBackRest differential and incremental backups need their full and prior ones).</summary>
    public async Task<List<BackupRun>> ApplyAsync(BackupPolicy policy, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var kept = await db.Set<BackupRun>().AsTracking()
            .Where(r => r.ClusterId == policy.ClusterId && r.Status == BackupStatus.Succeeded && r.ExpiredAt == null)
            .ToListAsync(ct);
        kept = [.. kept.OrderByDescending(r => r.StartedAt)];
        var lastVerified = kept.FirstOrDefault(r => r.Verification == VerificationStatus.Verified);
        var expiring = kept.Skip(policy.RetainCount)
            .Where(r => now - r.StartedAt > TimeSpan.FromDays(policy.RetainDays))
            .Where(r => r.Id != lastVerified?.Id)
            .ToHashSet();
        // Newest first: a physical backup stays while a newer one of its chain (same full backup) stays, and expiring a
        // dependent before what it builds on keeps pgBackRest from removing it with its parent while IamOps counts it.
        var expired = new List<BackupRun>();
        foreach (var run in kept.Where(expiring.Contains))
        {
            if (run.Method == BackupMethod.Physical && run.Artifact is not null
                && kept.Any(k => !expiring.Contains(k) && k.Method == BackupMethod.Physical && k.StartedAt > run.StartedAt
                    && k.Artifact is not null && PhysicalBackup.ChainOf(k.Artifact) == PhysicalBackup.ChainOf(run.Artifact)))
            {
                expiring.Remove(run);
                continue;
            }
            expired.Add(run);
        }
        var failedChains = new HashSet<string>(StringComparer.Ordinal);
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
                // Once one could not go, what it builds on stays too (pgBackRest would remove it with its parent).
                var chain = PhysicalBackup.ChainOf(run.Artifact);
                if (failedChains.Contains(chain) || !(await physical.ExpireAsync(policy, run.Artifact, ct)).Succeeded)
                {
                    failedChains.Add(chain);
                    continue;
                }
            }
            run.ExpiredAt = now;
        }
        await db.SaveChangesAsync(ct);
        return expired.Where(r => r.ExpiredAt is not null).ToList();
    }
}
