using System.ComponentModel.DataAnnotations;
using IamOps.Server.Data;
using IamOps.Server.Modules.AuditTrail;
using IamOps.Server.Modules.Notifications;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Backups;

/// <summary>A restore of a backup (BackupId) or of a point in time (TargetTime), for an incident or change (Reference).</summary>
public sealed record RestoreBackupRequest(Guid? BackupId, DateTimeOffset? TargetTime, [property: Required, MinLength(1), MaxLength(200)] string Reference, bool DryRun);

public sealed record RestoreRunDto(
    Guid Id, Guid ClusterId, Guid? BackupId, DateTimeOffset? TargetTime, string Reference, RestoreStatus Status, string Plan, string? Target,
    DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, long? DurationMs, string? FailureReason, int? Percent, string? Phase,
    string RequestedBy, bool Releasable, DateTimeOffset? ReleasedAt, string? ReleasedBy)
{
    public static RestoreRunDto From(RestoreRun r, ProgressState? p) => new(r.Id, r.ClusterId, r.BackupRunId, r.TargetTime, r.Reference, r.Status, r.Plan,
        r.Target, r.StartedAt, r.FinishedAt, r.DurationMs, r.FailureReason, p?.Percent, p?.Phase, r.RequestedBy,
        r.Status != RestoreStatus.Running && r.ReleasedAt is null && (r.RestoredDatabase ?? r.InstanceDirectory) is not null, r.ReleasedAt, r.ReleasedBy);
}

internal static class RestoreBackup
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/restores", HandleAsync).WithName(nameof(RestoreBackup)).RequiresRaci(RaciActivities.Restore, RaciDuty.Perform);
        group.MapGet("/restores", ListAsync).WithName("ListRestores");
        group.MapGet("/restores/{restoreId:guid}", GetAsync).WithName("GetRestore");
        group.MapDelete("/restores/{restoreId:guid}/target", ReleaseAsync).WithName("ReleaseRestoreTarget")
            .WithSummary("Drops the database a logical restore created, or stops and removes the instance a physical restore started.")
            .RequiresRaci(RaciActivities.Restore, RaciDuty.Perform);
    }

    private static async Task<Results<Ok<List<RestoreRunDto>>, NotFound>> ListAsync(Guid clusterId, IamOpsDb db, BackupProgress progress, CancellationToken ct)
    {
        if (!await db.Set<Clusters.Cluster>().AnyAsync(c => c.Id == clusterId, ct))
        {
            return TypedResults.NotFound();
        }
        var restores = await db.Set<RestoreRun>().AsNoTracking().Where(r => r.ClusterId == clusterId)
            .OrderByDescending(r => r.StartedAt).Take(50).ToListAsync(ct);
        return TypedResults.Ok(restores.Select(r => RestoreRunDto.From(r, progress.Find(r.Id))).ToList());
    }

    private static async Task<Results<Ok<RestoreRunDto>, NotFound, ProblemHttpResult>> ReleaseAsync(
        Guid clusterId, Guid restoreId, IamOpsDb db, TenantContext tenant, AuditScope audit, RestoreRunner runner, CancellationToken ct)
    {
        var restore = await db.Set<RestoreRun>().AsTracking().SingleOrDefaultAsync(x => x.Id == restoreId && x.ClusterId == clusterId, ct);
        if (restore is null)
        {
            return TypedResults.NotFound();
        }
        if (restore.Status == RestoreStatus.Running)
        {
            return TypedResults.Problem(statusCode: 409, title: "Restore still running", detail: "Wait until the restore has ended before releasing what it created.");
        }
        if (restore.ReleasedAt is { } at)
        {
            return TypedResults.Problem(statusCode: 409, title: "Already released", detail: $"Released on {at:u} by {restore.ReleasedBy}.");
        }
        if ((restore.RestoredDatabase ?? restore.InstanceDirectory) is null)
        {
            return TypedResults.Problem(statusCode: 409, title: "Nothing to release", detail: "This restore created no database or instance.");
        }
        audit.ActivityKey = RaciActivities.Restore;
        try
        {
            await runner.ReleaseAsync(restore, tenant.UserEmail ?? "system", ct);
        }
        catch (Exception e) when (RestoreRunner.IsReleaseFailure(e))
        {
            return TypedResults.Problem(statusCode: 502, title: "Release failed", detail: e.Message);
        }
        return TypedResults.Ok(RestoreRunDto.From(restore, null));
    }

    internal sealed record Deps(IamOpsDb Db, TenantContext Tenant, BackupExecutor Executor, BackupProgress Progress, INotifier Notifier, AuditScope Audit, TimeProvider Clock);

    private static async Task<Results<Ok<RestoreRunDto>, Accepted<RestoreRunDto>, NotFound, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid clusterId, RestoreBackupRequest request, [AsParameters] Deps deps, CancellationToken ct)
    {
        var db = deps.Db;
        var policy = await db.Set<BackupPolicy>().AsNoTracking().SingleOrDefaultAsync(p => p.ClusterId == clusterId, ct);
        if (policy is null)
        {
            return await db.Set<Clusters.Cluster>().AnyAsync(c => c.Id == clusterId, ct)
                ? TypedResults.Problem(statusCode: 409, title: "No backup policy", detail: "This cluster has no backup policy, hence no backups to restore.")
                : TypedResults.NotFound();
        }
        if ((request.BackupId is null) == (request.TargetTime is null))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["backupId"] = ["Give either backupId (a backup) or targetTime (a point in time), not both."] });
        }
        BackupRun? backup = null;
        if (request.BackupId is { } id)
        {
            backup = await db.Set<BackupRun>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.ClusterId == clusterId, ct);
            if (backup is null)
            {
                return TypedResults.NotFound();
            }
            if (backup.Status != BackupStatus.Succeeded || backup.ExpiredAt is not null)
            {
                return TypedResults.Problem(statusCode: 409, title: "Backup not restorable", detail: $"Backup {id} is {backup.Status}{(backup.ExpiredAt is null ? "" : ", expired")}; choose a succeeded one.");
            }
        }
        else if (policy.Method != BackupMethod.Physical)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["targetTime"] = ["Point-in-time restore needs physical backups with WAL archiving (pgBackRest); this cluster's policy is logical."] });
        }

        var restore = new RestoreRun
        {
            ClientOrganisationId = policy.ClientOrganisationId,
            ClusterId = clusterId,
            BackupRunId = backup?.Id,
            TargetTime = request.TargetTime,
            Reference = request.Reference.Trim(),
            Plan = RestoreRunner.Plan(policy, backup, request.TargetTime, request.Reference.Trim()),
            Status = request.DryRun ? RestoreStatus.Planned : RestoreStatus.Running,
            StartedAt = deps.Clock.GetUtcNow(),
            RequestedBy = deps.Tenant.UserEmail ?? "system",
        };
        if (request.DryRun)
        {
            return TypedResults.Ok(RestoreRunDto.From(restore, null));
        }
        deps.Audit.ActivityKey = RaciActivities.Restore;
        db.Add(restore);
        await deps.Notifier.NotifyAsync(new NotificationMessage(policy.ClientOrganisationId, Party.Client, RaciActivities.Restore,
            $"Restore started ({restore.Reference})", restore.Plan, BackupsModule.RestoreLocation(clusterId, restore.Id), "backup.restore-started"), ct);
        await db.SaveChangesAsync(ct);
        deps.Executor.Start(restore.Id, (sp, token) => sp.GetRequiredService<RestoreRunner>().ExecuteAsync(restore.Id, token));
        return TypedResults.Accepted(BackupsModule.RestoreLocation(clusterId, restore.Id), RestoreRunDto.From(restore, null));
    }

    private static async Task<Results<Ok<RestoreRunDto>, NotFound>> GetAsync(Guid clusterId, Guid restoreId, IamOpsDb db, BackupProgress progress, CancellationToken ct)
    {
        var r = await db.Set<RestoreRun>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == restoreId && x.ClusterId == clusterId, ct);
        return r is null ? TypedResults.NotFound() : TypedResults.Ok(RestoreRunDto.From(r, progress.Find(r.Id)));
    }
}
