using System.Globalization;
using System.Text;
using IamOps.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Backups;

/// <summary>A versioned procedure as returned by the API.</summary>
public sealed record BackupProcedureDto(Guid ClusterId, int Version, DateTimeOffset CreatedAt, string Markdown);

/// <summary>Writes the cluster's backup and restore procedure from its policy and tools; a new version at each policy change.</summary>
internal static class BackupProcedures
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/procedure", LatestAsync).WithName("GetBackupProcedure");
        group.MapGet("/procedure/versions/{version:int}", VersionAsync).WithName("GetBackupProcedureVersion");
    }

    private static async Task<Results<Ok<BackupProcedureDto>, NotFound>> LatestAsync(Guid clusterId, IamOpsDb db, CancellationToken ct)
    {
        var p = await db.Set<BackupProcedure>().AsNoTracking().Where(x => x.ClusterId == clusterId).OrderByDescending(x => x.Version).FirstOrDefaultAsync(ct);
        return p is null ? TypedResults.NotFound() : TypedResults.Ok(new BackupProcedureDto(p.ClusterId, p.Version, p.CreatedAt, p.Markdown));
    }

    private static async Task<Results<Ok<BackupProcedureDto>, NotFound>> VersionAsync(Guid clusterId, int version, IamOpsDb db, CancellationToken ct)
    {
        var p = await db.Set<BackupProcedure>().AsNoTracking().SingleOrDefaultAsync(x => x.ClusterId == clusterId && x.Version == version, ct);
        return p is null ? TypedResults.NotFound() : TypedResults.Ok(new BackupProcedureDto(p.ClusterId, p.Version, p.CreatedAt, p.Markdown));
    }

    public static string Write(string clusterName, BackupPolicy policy, BackupNeeds? needs, string? archiveCommand)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Backup and restore procedure — {clusterName} (policy version {policy.Version})").AppendLine();
        md.AppendLine("## Agreed needs").AppendLine();
        md.AppendLine(needs is null ? "- The client has not recorded its needs yet." :
            $"- RPO {needs.Rpo}, RTO {needs.Rto}, retention {needs.RetentionDays} days, {needs.Copies} copies.");
        md.AppendLine().AppendLine("## Backup").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- Schedule: `{policy.Schedule}` (cron, {policy.TimeZone}); retention: newest {policy.RetainCount} backups and at least {policy.RetainDays} days; the last verified backup is never removed.");
        if (policy.Method == BackupMethod.Logical)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- Method: logical, `pg_dump -Fd -j {policy.ParallelJobs} -Z {policy.CompressionLevel}` under an exported snapshot; row counts of realm, user_entity, client, credential, migration_model recorded in the same snapshot; {(policy.Checksum == ManifestChecksum.Sha256 ? "SHA-256" : "XXH128")} checksum of every file recorded and checked again before the verification restore.");
        }
        else
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- Method: physical, pgBackRest stanza `{policy.Stanza}`, {policy.PhysicalType.ToString().ToLowerInvariant()} backups, lz4, process-max {policy.ParallelJobs}{(policy.Encrypted ? ", repository encrypted (aes-256-cbc)" : "")}.");
            md.AppendLine(CultureInfo.InvariantCulture, $"- WAL archiving on the server: `archive_mode = on`, `archive_command = '{archiveCommand}'`.");
        }
        md.AppendLine("- A backup counts only when the tool exited 0, the artifact is complete and its manifest is recorded.");
        md.AppendLine().AppendLine("## Verification").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- Every {(policy.VerifyEvery == 1 ? "" : $"{policy.VerifyEvery}th ")}backup is restored into a scratch instance (initdb + pg_ctl on a free port) and checked: Keycloak tables present, row counts equal to those at backup time, foreign keys hold. A failure opens an incident.");
        md.AppendLine().AppendLine("## Restore").AppendLine();
        md.AppendLine("1. Open or reference an incident or change; run a dry run (`iamops backups restore --dry-run`) and read the plan.");
        md.AppendLine(policy.Method == BackupMethod.Logical
            ? "2. IamOps creates a new database next to the current one and runs `pg_restore -j` into it."
            : "2. IamOps runs `pgbackrest restore` (a chosen backup, or `--type=time --target=…` for a point in time) into a new instance.");
        md.AppendLine("3. Check the restored data, then switch Keycloak to it through an approved change. The client is informed at each step.");
        return md.ToString();
    }
}
