using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using IamOps.Server.Data;
using IamOps.Server.Modules.AuditTrail;
using IamOps.Server.Modules.Clusters;
using IamOps.Server.Modules.Contracts;
using IamOps.Server.Modules.Notifications;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Backups;

public sealed record SaveBackupNeedsRequest(TimeSpan Rpo, TimeSpan Rto, [property: Range(1, 3650)] int RetentionDays, [property: Range(1, 10)] int Copies);

public sealed record BackupNeedsDto(Guid ClusterId, TimeSpan Rpo, TimeSpan Rto, int RetentionDays, int Copies, DateTimeOffset UpdatedAt, string UpdatedBy);

public sealed record SaveBackupPolicyRequest(
    BackupMethod Method,
    [property: Required, MaxLength(120)] string Schedule,
    [property: Range(1, 1000)] int RetainCount,
    [property: Range(0, 3650)] int RetainDays,
    bool Encrypted,
    [property: Range(1, 1000)] int VerifyEvery,
    [property: Range(1, 32)] int ParallelJobs,
    [property: Range(0, 9)] int CompressionLevel,
    PhysicalBackupType? PhysicalType,
    [property: MaxLength(500)] string? DataDirectory,
    ClientPriority? ClientPriority,
    [property: MaxLength(200)] string? ChangeReference,
    ManifestChecksum? Checksum = null);

public sealed record BackupPolicyDto(
    Guid Id, Guid ClusterId, BackupMethod Method, string Schedule, string TimeZone, int RetainCount, int RetainDays, bool Encrypted, int VerifyEvery,
    int ParallelJobs, int CompressionLevel, PhysicalBackupType PhysicalType, string? DataDirectory, int Version, ClientPriority ClientPriority,
    string? ChangeReference, string? ArchiveCommand, DateTimeOffset UpdatedAt, string UpdatedBy, ManifestChecksum Checksum);

/// <summary>The client records its needs (client R); the provider sets the policy (provider R), the client is informed of every change.</summary>
internal static class SaveBackupPolicy
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/needs", GetNeedsAsync).WithName("GetBackupNeeds");
        group.MapPut("/needs", PutNeedsAsync).WithName("SaveBackupNeeds").RequiresRaci(RaciActivities.BackupNeeds, RaciDuty.Perform);
        group.MapGet("/policy", GetPolicyAsync).WithName("GetBackupPolicy");
        group.MapPut("/policy", PutPolicyAsync).WithName(nameof(SaveBackupPolicy)).RequiresRaci(RaciActivities.BackupPolicyDefinition, RaciDuty.Perform);
    }

    private static async Task<Results<Ok<BackupNeedsDto>, NotFound>> GetNeedsAsync(Guid clusterId, IamOpsDb db, CancellationToken ct)
    {
        var n = await db.Set<BackupNeeds>().AsNoTracking().SingleOrDefaultAsync(x => x.ClusterId == clusterId, ct);
        return n is null ? TypedResults.NotFound() : TypedResults.Ok(new BackupNeedsDto(n.ClusterId, n.Rpo, n.Rto, n.RetentionDays, n.Copies, n.UpdatedAt, n.UpdatedBy));
    }

    private static async Task<Results<Ok<BackupNeedsDto>, NotFound, ValidationProblem>> PutNeedsAsync(
        Guid clusterId, SaveBackupNeedsRequest request, IamOpsDb db, TenantContext tenant, INotifier notifier, AuditScope audit, TimeProvider clock, CancellationToken ct)
    {
        var cluster = await db.Set<Cluster>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == clusterId, ct);
        if (cluster is null)
        {
            return TypedResults.NotFound();
        }
        if (request.Rpo <= TimeSpan.Zero || request.Rto <= TimeSpan.Zero)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["rpo"] = ["RPO and RTO must be positive durations, e.g. \"04:00:00\"."] });
        }
        audit.ActivityKey = RaciActivities.BackupNeeds;
        var needs = await db.Set<BackupNeeds>().AsTracking().SingleOrDefaultAsync(x => x.ClusterId == clusterId, ct);
        if (needs is null)
        {
            needs = new BackupNeeds { ClusterId = clusterId, ClientOrganisationId = cluster.ClientOrganisationId, UpdatedBy = "" };
            db.Add(needs);
        }
        (needs.Rpo, needs.Rto, needs.RetentionDays, needs.Copies) = (request.Rpo, request.Rto, request.RetentionDays, request.Copies);
        needs.UpdatedAt = clock.GetUtcNow();
        needs.UpdatedBy = tenant.UserEmail ?? "system";
        await notifier.NotifyAsync(new NotificationMessage(cluster.ClientOrganisationId, Party.Provider, RaciActivities.BackupNeeds,
            $"Backup needs of {cluster.Name} updated", $"RPO {needs.Rpo}, RTO {needs.Rto}, retention {needs.RetentionDays} days, {needs.Copies} copies.",
            BackupsModule.ClusterLocation(clusterId), "backup.needs-changed"), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new BackupNeedsDto(needs.ClusterId, needs.Rpo, needs.Rto, needs.RetentionDays, needs.Copies, needs.UpdatedAt, needs.UpdatedBy));
    }

    private static async Task<Results<Ok<BackupPolicyDto>, NotFound>> GetPolicyAsync(Guid clusterId, IamOpsDb db, PhysicalBackup physical, CancellationToken ct)
    {
        var p = await db.Set<BackupPolicy>().AsNoTracking().SingleOrDefaultAsync(x => x.ClusterId == clusterId, ct);
        return p is null ? TypedResults.NotFound() : TypedResults.Ok(Dto(p, physical));
    }

    internal sealed record Deps(IamOpsDb Db, TenantContext Tenant, INotifier Notifier, AuditScope Audit, TimeProvider Clock, PhysicalBackup Physical,
        BackupScheduler Scheduler, IDataProtectionProvider Protection, Microsoft.Extensions.Options.IOptions<BackupOptions> Options);

    private static async Task<Results<Ok<BackupPolicyDto>, NotFound, ValidationProblem>> PutPolicyAsync(
        Guid clusterId, SaveBackupPolicyRequest request, [AsParameters] Deps deps, CancellationToken ct)
    {
        var db = deps.Db;
        var cluster = await db.Set<Cluster>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == clusterId, ct);
        if (cluster is null)
        {
            return TypedResults.NotFound();
        }
        var zone = await db.Set<Contract>().Where(c => c.ClientOrganisationId == cluster.ClientOrganisationId).Select(c => c.TimeZone).FirstOrDefaultAsync(ct) ?? "UTC";
        if (BackupScheduler.Parse(request.Schedule, zone) is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["schedule"] = [$"'{request.Schedule}' is not a cron expression: use 5 fields (\"30 2 * * *\" = 02:30 every day, {zone}) or Quartz's 6–7 fields with seconds."],
            });
        }
        if (request.Method == BackupMethod.Physical && string.IsNullOrWhiteSpace(request.DataDirectory))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["dataDirectory"] = ["Physical backups need the server's data directory (pgBackRest pg1-path)."] });
        }

        var policy = await db.Set<BackupPolicy>().AsTracking().SingleOrDefaultAsync(x => x.ClusterId == clusterId, ct);
        var scheduleChanged = policy is null || policy.Schedule != request.Schedule.Trim();
        if (policy is null)
        {
            policy = new BackupPolicy { ClusterId = clusterId, ClientOrganisationId = cluster.ClientOrganisationId, Schedule = "", TimeZone = zone, UpdatedBy = "", Version = 0 };
            db.Add(policy);
        }
        deps.Audit.ActivityKey = scheduleChanged ? RaciActivities.BackupScheduleChange : RaciActivities.BackupPolicyDefinition;
        policy.Method = request.Method;
        policy.Schedule = request.Schedule.Trim();
        policy.TimeZone = zone;
        policy.RetainCount = request.RetainCount;
        policy.RetainDays = request.RetainDays;
        policy.Encrypted = request.Encrypted;
        policy.VerifyEvery = request.VerifyEvery;
        policy.ParallelJobs = request.ParallelJobs;
        policy.CompressionLevel = request.CompressionLevel;
        policy.PhysicalType = request.PhysicalType ?? PhysicalBackupType.Full;
        // Unset: unchanged (a new policy takes XXH128).
        policy.Checksum = request.Checksum ?? policy.Checksum;
        policy.DataDirectory = string.IsNullOrWhiteSpace(request.DataDirectory) ? null : request.DataDirectory.Trim();
        policy.ClientPriority = request.ClientPriority ?? ClientPriority.Normal;
        policy.ChangeReference = request.ChangeReference;
        if (policy.Encrypted && policy.ProtectedCipherPass is null)
        {
            var pass = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
            policy.ProtectedCipherPass = deps.Protection.CreateProtector(BackupsModule.CipherPurpose, clusterId.ToString()).Protect(pass);
        }
        policy.Version++;
        policy.UpdatedAt = deps.Clock.GetUtcNow();
        policy.UpdatedBy = deps.Tenant.UserEmail ?? "system";

        var needs = await db.Set<BackupNeeds>().AsNoTracking().SingleOrDefaultAsync(x => x.ClusterId == clusterId, ct);
        db.Add(new BackupProcedure
        {
            ClientOrganisationId = cluster.ClientOrganisationId,
            ClusterId = clusterId,
            Version = policy.Version,
            CreatedAt = policy.UpdatedAt,
            Markdown = BackupProcedures.Write(cluster.Name, policy, needs, deps.Physical.ArchiveCommand(policy)),
        });
        await deps.Notifier.NotifyAsync(new NotificationMessage(cluster.ClientOrganisationId, Party.Client, deps.Audit.ActivityKey,
            $"Backup policy of {cluster.Name} changed (version {policy.Version})",
            $"{policy.Method} backups, schedule {policy.Schedule} ({zone}), keep {policy.RetainCount} / {policy.RetainDays} days, verify every {policy.VerifyEvery}; priority {policy.ClientPriority}{(policy.ChangeReference is null ? "" : $", reference {policy.ChangeReference}")}.",
            BackupsModule.ClusterLocation(clusterId), "backup.policy-changed"), ct);
        await db.SaveChangesAsync(ct);
        if (deps.Options.Value.SchedulerEnabled)
        {
            await deps.Scheduler.SyncAsync(policy, ct);
        }
        return TypedResults.Ok(Dto(policy, deps.Physical));
    }

    internal static BackupPolicyDto Dto(BackupPolicy p, PhysicalBackup physical) => new(
        p.Id, p.ClusterId, p.Method, p.Schedule, p.TimeZone, p.RetainCount, p.RetainDays, p.Encrypted, p.VerifyEvery, p.ParallelJobs, p.CompressionLevel,
        p.PhysicalType, p.DataDirectory, p.Version, p.ClientPriority, p.ChangeReference,
        p.Method == BackupMethod.Physical ? physical.ArchiveCommand(p) : null, p.UpdatedAt, p.UpdatedBy, p.Checksum);
}
