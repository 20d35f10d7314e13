using IamOps.Server.Data;
using IamOps.Server.Modules.Clusters;
using IamOps.Server.Modules.Notifications;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IamOps.Server.Modules.Backups;

/// <summary>Creates backup runs and carries them out: method, honest outcome, retention, then verification when the policy asks for it.</summary>
public sealed class BackupRunner(
    IamOpsDb db, TenantContext tenant, IClusterConnections connections, LogicalBackup logical, PhysicalBackup physical,
    BackupVerifier verifier, BackupRetention retention, BackupProgress progress, INotifier notifier, TimeProvider clock,
    IDataProtectionProvider protection, IOptions<BackupOptions> options, ILogger<BackupRunner> log)
{
    /// <summary>Records a new running backup; for a scheduled one, null when another instance already took this fire time.</summary>
    public async Task<BackupRun?> StartAsync(BackupPolicy policy, BackupTrigger trigger, DateTimeOffset? scheduledFor, PhysicalBackupType? type, CancellationToken ct)
    {
        var run = new BackupRun
        {
            ClientOrganisationId = policy.ClientOrganisationId,
            ClusterId = policy.ClusterId,
            PolicyId = policy.Id,
            PolicyVersion = policy.Version,
            Method = policy.Method,
            PhysicalType = policy.Method == BackupMethod.Physical ? type ?? policy.PhysicalType : null,
            Trigger = trigger,
            ScheduledFor = scheduledFor,
            StartedAt = clock.GetUtcNow(),
            Instance = InstanceName(options.Value),
            StartedBy = tenant.UserEmail ?? "system",
        };
        db.Add(run);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (scheduledFor is not null)
        {
            db.ChangeTracker.Clear();
            return null;
        }
        return run;
    }

    /// <summary>Runs the backup method and records exactly what happened.</summary>
    public async Task ExecuteAsync(Guid runId, bool verifyWhenDue, CancellationToken ct)
    {
        var run = await db.Set<BackupRun>().AsTracking().SingleAsync(r => r.Id == runId, ct);
        var policy = await db.Set<BackupPolicy>().AsNoTracking().SingleAsync(p => p.Id == run.PolicyId, ct);
        var state = progress.For(run.Id);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var source = await connections.PostgresAsync(run.ClusterId, ct)
                ?? throw new BackupFailedException("The cluster has no PostgreSQL connection configured (PUT /api/v1/clusters/{id}/connection).", "");
            BackupOutcome outcome;
            if (policy.Method == BackupMethod.Logical)
            {
                outcome = await logical.RunAsync(run, policy, source, state, ct);
            }
            else
            {
                await physical.WriteConfigAsync(policy, source, CipherPass(policy), ct);
                outcome = await physical.RunAsync(run, policy, source, state, ct);
            }
            run.Status = BackupStatus.Succeeded;
            run.Artifact = outcome.Artifact;
            run.SizeBytes = outcome.SizeBytes;
            run.Manifest = outcome.Manifest;
            run.Counts = System.Text.Json.JsonSerializer.Serialize(new[] { outcome.Counts, outcome.CountsAtEnd ?? outcome.Counts });
            run.Output = outcome.Output;
        }
        catch (BackupFailedException e)
        {
            run.Status = BackupStatus.Failed;
            run.FailureReason = e.Message;
            run.Output = e.Output;
        }
        catch (OperationCanceledException)
        {
            run.Status = BackupStatus.Failed;
            run.FailureReason = "Cancelled: the backup was stopped and its tool killed.";
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or IOException or BackupToolException)
        {
            run.Status = BackupStatus.Failed;
            run.FailureReason = e.Message;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // An error of IamOps itself: the record must still end failed, never stay running.
            BackupsLog.UnexpectedError(log, run.Id, e);
            run.Status = BackupStatus.Failed;
            run.FailureReason = $"IamOps error ({e.GetType().Name}): {e.Message}";
        }
        run.FinishedAt = clock.GetUtcNow();
        run.DurationMs = watch.ElapsedMilliseconds;
        state.Set(run.Status == BackupStatus.Succeeded ? "succeeded" : "failed", 100);
        if (run.Status == BackupStatus.Failed)
        {
            await notifier.NotifyAsync(new NotificationMessage(run.ClientOrganisationId, Party.Provider, RaciActivities.BackupExecution,
                "Backup failed", $"The {run.Method} backup of cluster {run.ClusterId} failed: {run.FailureReason}",
                BackupsModule.RunLocation(run.ClusterId, run.Id), "backup.failed"), CancellationToken.None);
        }
        await db.SaveChangesAsync(CancellationToken.None);

        if (run.Status == BackupStatus.Succeeded)
        {
            if (verifyWhenDue && await VerificationDueAsync(run, policy, ct))
            {
                await verifier.VerifyAsync(run.Id, ct);
            }
            await retention.ApplyAsync(policy, ct);
        }
    }

    /// <summary>Creates and runs one scheduled backup; false when the fire time was already taken by another instance.</summary>
    public async Task<bool> RunScheduledAsync(Guid policyId, DateTimeOffset fireTime, CancellationToken ct)
    {
        var policy = await db.Set<BackupPolicy>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == policyId, ct);
        if (policy is null)
        {
            return false;
        }
        var run = await StartAsync(policy, BackupTrigger.Scheduled, fireTime, null, ct);
        if (run is null)
        {
            return false;
        }
        await ExecuteAsync(run.Id, verifyWhenDue: true, ct);
        return true;
    }

    private async Task<bool> VerificationDueAsync(BackupRun run, BackupPolicy policy, CancellationToken ct)
    {
        if (policy.VerifyEvery <= 1)
        {
            return true;
        }
        var succeeded = await db.Set<BackupRun>().CountAsync(r => r.ClusterId == run.ClusterId && r.Status == BackupStatus.Succeeded, ct);
        return (succeeded - 1) % policy.VerifyEvery == 0;
    }

    internal string? CipherPass(BackupPolicy policy) =>
        policy.ProtectedCipherPass is { } p ? protection.CreateProtector(BackupsModule.CipherPurpose, policy.ClusterId.ToString()).Unprotect(p) : null;

    public static string InstanceName(BackupOptions options) => options.InstanceName ?? Environment.MachineName;
}
