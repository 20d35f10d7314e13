using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using IamOps.Server.Data;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Backups;

public sealed record RunBackupRequest(PhysicalBackupType? Type);

public sealed record BackupRunDto(
    Guid Id, Guid ClusterId, BackupMethod Method, PhysicalBackupType? PhysicalType, BackupTrigger Trigger, DateTimeOffset? ScheduledFor,
    BackupStatus Status, VerificationStatus Verification, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, long? DurationMs,
    string? Artifact, long? SizeBytes, string? FailureReason, DateTimeOffset? VerifiedAt, long? RestoreDurationMs, string? VerificationDetail,
    DateTimeOffset? ExpiredAt, string? Output, int? Percent, string? Phase, IReadOnlyList<string>? Lines, bool Active)
{
    /// <param name="active">Work on this run (backup or verification) is still going on in this instance.</param>
    public static BackupRunDto From(BackupRun r, ProgressState? p, bool withOutput, bool active = false) => new(
        r.Id, r.ClusterId, r.Method, r.PhysicalType, r.Trigger, r.ScheduledFor, r.Status, r.Verification, r.StartedAt, r.FinishedAt, r.DurationMs,
        r.Artifact, r.SizeBytes, r.FailureReason, r.VerifiedAt, r.RestoreDurationMs, r.VerificationDetail, r.ExpiredAt,
        withOutput ? r.Output : null, p?.Percent, p?.Phase, p?.Lines(), active || r.Status == BackupStatus.Running || r.Verification == VerificationStatus.Verifying);
}

/// <summary>Start a backup, follow it (polling or server-sent events), list, cancel and verify backups of a cluster.</summary>
internal static class RunBackup
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/runs", StartAsync).WithName(nameof(RunBackup)).RequiresRaci(RaciActivities.BackupExecution, RaciDuty.Perform);
        group.MapGet("/runs", ListAsync).WithName("ListBackups");
        group.MapGet("/runs/{runId:guid}", GetAsync).WithName("GetBackup");
        group.MapGet("/runs/{runId:guid}/events", EventsAsync).WithName("FollowBackup");
        group.MapPost("/runs/{runId:guid}/cancel", CancelAsync).WithName("CancelBackup").RequiresRaci(RaciActivities.BackupExecution, RaciDuty.Perform);
        group.MapPost("/runs/{runId:guid}/verify", VerifyAsync).WithName("VerifyBackup").RequiresRaci(RaciActivities.BackupVerification, RaciDuty.Perform);
    }

    private static async Task<Results<Accepted<BackupRunDto>, NotFound, ProblemHttpResult>> StartAsync(
        Guid clusterId, RunBackupRequest? request, IamOpsDb db, BackupRunner runner, BackupExecutor executor, BackupProgress progress, CancellationToken ct)
    {
        var policy = await db.Set<BackupPolicy>().AsNoTracking().SingleOrDefaultAsync(p => p.ClusterId == clusterId, ct);
        if (policy is null)
        {
            return await db.Set<Clusters.Cluster>().AnyAsync(c => c.Id == clusterId, ct)
                ? TypedResults.Problem(statusCode: 409, title: "No backup policy", detail: "Set the cluster's backup policy (PUT …/backups/policy) before running a backup.")
                : TypedResults.NotFound();
        }
        if (await db.Set<BackupRun>().AnyAsync(r => r.ClusterId == clusterId && r.Status == BackupStatus.Running, ct))
        {
            return TypedResults.Problem(statusCode: 409, title: "Backup running", detail: "A backup of this cluster is already running; follow or cancel it first.");
        }
        var run = (await runner.StartAsync(policy, BackupTrigger.Manual, null, request?.Type, ct))!;
        executor.Start(run.Id, (sp, token) => sp.GetRequiredService<BackupRunner>().ExecuteAsync(run.Id, verifyWhenDue: true, token));
        return TypedResults.Accepted(BackupsModule.RunLocation(clusterId, run.Id), BackupRunDto.From(run, progress.Find(run.Id), false, true));
    }

    private static async Task<Results<Ok<List<BackupRunDto>>, NotFound>> ListAsync(Guid clusterId, IamOpsDb db, BackupProgress progress, [Range(1, 500)] int? limit, CancellationToken ct)
    {
        if (!await db.Set<Clusters.Cluster>().AnyAsync(c => c.Id == clusterId, ct))
        {
            return TypedResults.NotFound();
        }
        var runs = await db.Set<BackupRun>().AsNoTracking().Where(r => r.ClusterId == clusterId).ToListAsync(ct);
        return TypedResults.Ok(runs.OrderByDescending(r => r.StartedAt).Take(limit ?? 100).Select(r => BackupRunDto.From(r, progress.Find(r.Id), false)).ToList());
    }

    private static async Task<Results<Ok<BackupRunDto>, NotFound>> GetAsync(
        Guid clusterId, Guid runId, IamOpsDb db, BackupProgress progress, BackupExecutor executor, CancellationToken ct)
    {
        var run = await db.Set<BackupRun>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId && r.ClusterId == clusterId, ct);
        return run is null ? TypedResults.NotFound() : TypedResults.Ok(BackupRunDto.From(run, progress.Find(run.Id), true, executor.IsRunning(run.Id)));
    }

    private static async Task EventsAsync(Guid clusterId, Guid runId, HttpContext http, IamOpsDb db, BackupProgress progress, BackupExecutor executor, CancellationToken ct)
    {
        if (!await db.Set<BackupRun>().AnyAsync(r => r.Id == runId && r.ClusterId == clusterId, ct))
        {
            http.Response.StatusCode = 404;
            return;
        }
        http.Response.ContentType = "text/event-stream";
        while (!ct.IsCancellationRequested)
        {
            var run = await db.Set<BackupRun>().AsNoTracking().SingleAsync(r => r.Id == runId, ct);
            var dto = BackupRunDto.From(run, progress.Find(runId), false);
            await http.Response.WriteAsync($"data: {JsonSerializer.Serialize(dto, JsonSerializerOptions.Web)}\n\n", ct);
            await http.Response.Body.FlushAsync(ct);
            if (!dto.Active && !executor.IsRunning(runId))
            {
                return;
            }
            await Task.Delay(500, ct);
        }
    }

    private static async Task<Results<Accepted, NotFound, ProblemHttpResult>> CancelAsync(Guid clusterId, Guid runId, IamOpsDb db, BackupExecutor executor, CancellationToken ct)
    {
        if (!await db.Set<BackupRun>().AnyAsync(r => r.Id == runId && r.ClusterId == clusterId, ct))
        {
            return TypedResults.NotFound();
        }
        return executor.Cancel(runId)
            ? TypedResults.Accepted(BackupsModule.RunLocation(clusterId, runId))
            : TypedResults.Problem(statusCode: 409, title: "Not running", detail: "This backup is not running on this IamOps instance.");
    }

    private static async Task<Results<Accepted<BackupRunDto>, NotFound, ProblemHttpResult>> VerifyAsync(
        Guid clusterId, Guid runId, IamOpsDb db, BackupExecutor executor, BackupProgress progress, CancellationToken ct)
    {
        var run = await db.Set<BackupRun>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId && r.ClusterId == clusterId, ct);
        if (run is null)
        {
            return TypedResults.NotFound();
        }
        if (run.Status != BackupStatus.Succeeded || run.ExpiredAt is not null || run.Verification == VerificationStatus.Verifying)
        {
            return TypedResults.Problem(statusCode: 409, title: "Cannot verify",
                detail: $"Only a succeeded, unexpired backup not being verified can be verified; this one is {run.Status}/{run.Verification}.");
        }
        executor.Start(run.Id, (sp, token) => sp.GetRequiredService<BackupVerifier>().VerifyAsync(run.Id, token));
        return TypedResults.Accepted(BackupsModule.RunLocation(clusterId, run.Id), BackupRunDto.From(run, progress.Find(run.Id), false, true));
    }
}
