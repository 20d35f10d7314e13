using IamOps.Server.Data;
using IamOps.Server.Modules.Notifications;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Backups;

/// <summary>RPO and RTO of one cluster measured against what the client agreed, and scheduled runs that did not happen.</summary>
public sealed record BackupComplianceDto(
    Guid ClusterId, TimeSpan? AgreedRpo, TimeSpan? AgreedRto, DateTimeOffset? NewestVerifiedAt, TimeSpan? CurrentRpo, long? MeasuredRestoreMs,
    bool RpoMet, bool RtoMet, IReadOnlyList<DateTimeOffset> MissedRuns);

internal static class GetBackupCompliance
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/compliance", HandleAsync).WithName(nameof(GetBackupCompliance));

    private static async Task<Results<Ok<BackupComplianceDto>, NotFound>> HandleAsync(Guid clusterId, IamOpsDb db, TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Set<Clusters.Cluster>().AnyAsync(c => c.Id == clusterId, ct))
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(await ComputeAsync(db, clusterId, clock.GetUtcNow(), ct));
    }

    public static async Task<BackupComplianceDto> ComputeAsync(IamOpsDb db, Guid clusterId, DateTimeOffset now, CancellationToken ct)
    {
        var needs = await db.Set<BackupNeeds>().AsNoTracking().SingleOrDefaultAsync(n => n.ClusterId == clusterId, ct);
        var policy = await db.Set<BackupPolicy>().AsNoTracking().SingleOrDefaultAsync(p => p.ClusterId == clusterId, ct);
        var runs = await db.Set<BackupRun>().AsNoTracking().Where(r => r.ClusterId == clusterId).ToListAsync(ct);
        var verified = runs.Where(r => r.Verification == VerificationStatus.Verified && r.ExpiredAt == null).OrderByDescending(r => r.StartedAt).FirstOrDefault();
        var rpo = verified is null ? (TimeSpan?)null : now - verified.StartedAt;
        var restoreMs = verified?.RestoreDurationMs;
        var missed = policy is null ? [] : MissedRuns(policy, runs, now);
        return new BackupComplianceDto(clusterId, needs?.Rpo, needs?.Rto, verified?.StartedAt, rpo, restoreMs,
            needs is not null && rpo is not null && rpo <= needs.Rpo,
            needs is not null && restoreMs is not null && TimeSpan.FromMilliseconds(restoreMs.Value) <= needs.Rto,
            missed);
    }

    /// <summary>Fire times of the last 24 hours (up to a 15-minute grace) with no run recorded at all.</summary>
    public static List<DateTimeOffset> MissedRuns(BackupPolicy policy, IReadOnlyList<BackupRun> runs, DateTimeOffset now)
    {
        var cron = BackupScheduler.Parse(policy.Schedule, policy.TimeZone);
        var missed = new List<DateTimeOffset>();
        if (cron is null)
        {
            return missed;
        }
        var from = new[] { now.AddDays(-1), policy.UpdatedAt }.Max();
        var taken = runs.Where(r => r.ScheduledFor is not null).Select(r => r.ScheduledFor!.Value.ToUniversalTime()).ToHashSet();
        for (var t = cron.GetNextValidTimeAfter(from); t is { } due && due < now.AddMinutes(-15) && missed.Count < 100; t = cron.GetNextValidTimeAfter(due))
        {
            if (!taken.Contains(due.ToUniversalTime()))
            {
                missed.Add(due);
            }
        }
        return missed;
    }
}

/// <summary>Alerts the provider about missed scheduled runs and unmet RPO, once per check (a Quartz job every 15 minutes).</summary>
[Quartz.DisallowConcurrentExecution]
public sealed class BackupComplianceJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<BackupComplianceJob> log) : Quartz.IJob
{
    public async ValueTask Execute(Quartz.IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        await CheckAsync(scope.ServiceProvider.GetRequiredService<IamOpsDb>(), scope.ServiceProvider.GetRequiredService<INotifier>(), clock.GetUtcNow(), log, cancellationToken);
    }

    public static async Task<int> CheckAsync(IamOpsDb db, INotifier notifier, DateTimeOffset now, ILogger log, CancellationToken ct)
    {
        var alerts = 0;
        foreach (var policy in await db.Set<BackupPolicy>().AsNoTracking().ToListAsync(ct))
        {
            var c = await GetBackupCompliance.ComputeAsync(db, policy.ClusterId, now, ct);
            foreach (var due in c.MissedRuns.Where(d => d > now.AddMinutes(-30)))
            {
                BackupsLog.MissedRun(log, policy.ClusterId, due);
                await notifier.NotifyAsync(new NotificationMessage(policy.ClientOrganisationId, Party.Provider, RaciActivities.ScheduledJobsMonitoring,
                    "Scheduled backup missed", $"The backup of cluster {policy.ClusterId} due at {due:u} did not run.",
                    BackupsModule.ClusterLocation(policy.ClusterId), "backup.missed"), ct);
                alerts++;
            }
        }
        await db.SaveChangesAsync(ct);
        return alerts;
    }
}
