using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using IamOps.Server.Data;
using IamOps.Server.Modules.Incidents;
using IamOps.Server.Modules.Notifications;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IamOps.Server.Modules.Backups;

/// <summary>Proves a backup by restoring it into a scratch instance and running the Keycloak sanity checks; a failure opens an incident.</summary>
public sealed class BackupVerifier(
    IamOpsDb db, ToolRunner tools, PhysicalBackup physical, BackupProgress progress, IIncidentOpener incidents, INotifier notifier, TimeProvider clock,
    ILogger<BackupVerifier> log)
{
    public async Task VerifyAsync(Guid runId, CancellationToken ct)
    {
        var run = await db.Set<BackupRun>().AsTracking().SingleAsync(r => r.Id == runId, ct);
        var policy = await db.Set<BackupPolicy>().AsNoTracking().SingleAsync(p => p.Id == run.PolicyId, ct);
        run.Verification = VerificationStatus.Verifying;
        await db.SaveChangesAsync(ct);

        var state = progress.For(run.Id);
        var total = Stopwatch.StartNew();
        List<string> problems;
        long restoreMs = 0;
        try
        {
            (problems, restoreMs) = run.Method == BackupMethod.Logical
                ? await VerifyLogicalAsync(run, policy, state, ct)
                : await VerifyPhysicalAsync(run, policy, state, ct);
        }
        catch (Exception e) when (e is BackupToolException or NpgsqlException or IOException or JsonException)
        {
            problems = [e.Message];
        }
        catch (OperationCanceledException)
        {
            // Stopped, not disproven: the backup stays unverified and can be verified again.
            run.Verification = VerificationStatus.NotVerified;
            run.VerificationDetail = "The verification was cancelled before it finished; it must be run again.";
            state.Set("verification cancelled", 100);
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            BackupsLog.UnexpectedError(log, run.Id, e);
            problems = [$"IamOps error during the verification ({e.GetType().Name}): {e.Message}"];
        }

        run.VerifiedAt = clock.GetUtcNow();
        if (problems.Count == 0)
        {
            run.Verification = VerificationStatus.Verified;
            run.RestoreDurationMs = restoreMs;
            run.VerificationDetail = string.Create(CultureInfo.InvariantCulture, $"Restored in {restoreMs} ms; Keycloak tables, row counts and constraints checked; verification took {total.ElapsedMilliseconds} ms in all.");
            state.Set("verified", 100);
        }
        else
        {
            run.Verification = VerificationStatus.VerificationFailed;
            run.VerificationDetail = ScratchInstance.Tail(string.Join("; ", problems), 3900);
            state.Set("verification failed", 100);
            await incidents.OpenAsync(new OpenIncident(run.ClientOrganisationId,
                $"Backup verification failed on cluster {run.ClusterId}",
                $"The {run.Method} backup {run.Id} of {run.StartedAt:u} could not be proven by a restore: {run.VerificationDetail}",
                IncidentSeverity.P2, IncidentSource.Provider, [run.ClusterId],
                Links: [new IncidentLink(IncidentLinkKind.Backup, run.Id.ToString())]), ct);
            await notifier.NotifyAsync(new NotificationMessage(run.ClientOrganisationId, Party.Provider, RaciActivities.BackupVerification,
                "Backup verification failed", run.VerificationDetail, BackupsModule.RunLocation(run.ClusterId, run.Id), "backup.verification-failed"), ct);
        }
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private async Task<(List<string>, long)> VerifyLogicalAsync(BackupRun run, BackupPolicy policy, ProgressState state, CancellationToken ct)
    {
        state.Set("checking the manifest", 2);
        var expected = JsonSerializer.Deserialize<SortedDictionary<string, ManifestEntry>>(run.Manifest!)!;
        if (run.Artifact is null || !Directory.Exists(run.Artifact))
        {
            return ([$"artifact {run.Artifact} is missing"], 0);
        }
        // Checked with the algorithm the backup was recorded with, whatever the policy says now.
        var algorithm = expected.Values.FirstOrDefault()?.Algorithm ?? ManifestChecksum.Sha256;
        var actual = await LogicalBackup.ManifestAsync(run.Artifact, algorithm, ct);
        var bad = expected.Where(e => !actual.TryGetValue(e.Key, out var a) || !a.Matches(e.Value)).Select(e => e.Key).ToList();
        if (bad.Count > 0)
        {
            return ([$"checksum mismatch or missing file: {string.Join(", ", bad.Take(10))}"], 0);
        }

        state.Set("starting a scratch instance", 10);
        await using var scratch = await ScratchInstance.PrepareAsync(tools, Path.Combine(tools.Options.DataDirectory, "scratch"), keep: false, ct);
        await scratch.InitAsync(ct);
        await scratch.StartAsync(ct);
        await using (var admin = new NpgsqlConnection(scratch.ConnectionString()))
        {
            await admin.OpenAsync(ct);
            await using var create = new NpgsqlCommand("CREATE DATABASE verify", admin);
            await create.ExecuteNonQueryAsync(ct);
        }

        state.Set("pg_restore", 20);
        var watch = Stopwatch.StartNew();
        var env = new Dictionary<string, string> { ["PGHOST"] = scratch.SocketDirectory, ["PGPORT"] = scratch.Port.ToString(CultureInfo.InvariantCulture), ["PGUSER"] = scratch.User };
        var restored = await tools.RunAsync(tools.PgBin("pg_restore"),
            ["-j", policy.ParallelJobs.ToString(CultureInfo.InvariantCulture), "--no-owner", "--exit-on-error", "-d", "verify", run.Artifact],
            env, state.Line, ct);
        var restoreMs = watch.ElapsedMilliseconds;
        if (!restored.Succeeded)
        {
            return ([$"pg_restore exited with code {restored.ExitCode}: {ScratchInstance.Tail(restored.Output, 800)}"], restoreMs);
        }
        state.Set("sanity checks", 85);
        var counts = JsonSerializer.Deserialize<DatabaseCounts[]>(run.Counts!)!;
        await using var conn = new NpgsqlConnection(scratch.ConnectionString("verify"));
        await conn.OpenAsync(ct);
        return (await KeycloakSanity.CheckAsync(conn, counts[0], null, ct), restoreMs);
    }

    private async Task<(List<string>, long)> VerifyPhysicalAsync(BackupRun run, BackupPolicy policy, ProgressState state, CancellationToken ct)
    {
        state.Set("pgbackrest restore", 10);
        await using var scratch = await ScratchInstance.PrepareAsync(tools, Path.Combine(tools.Options.DataDirectory, "scratch"), keep: false, ct);
        var watch = Stopwatch.StartNew();
        var restored = await physical.RestoreAsync(policy, scratch.DataDirectory, run.Artifact, null, state, ct);
        if (!restored.Succeeded)
        {
            return ([$"pgbackrest restore exited with code {restored.ExitCode}: {ScratchInstance.Tail(restored.Output, 800)}"], watch.ElapsedMilliseconds);
        }
        await scratch.StartAsync(ct);
        await scratch.WaitForPromotionAsync(ct);
        var restoreMs = watch.ElapsedMilliseconds;
        state.Set("sanity checks", 85);
        var counts = JsonSerializer.Deserialize<DatabaseCounts[]>(run.Counts!)!;
        var database = await SourceDatabaseAsync(run.ClusterId, ct);
        await using var conn = new NpgsqlConnection(scratch.ConnectionString(database));
        await conn.OpenAsync(ct);
        return (await KeycloakSanity.CheckAsync(conn, counts[0], counts[1], ct), restoreMs);
    }

    private async Task<string> SourceDatabaseAsync(Guid clusterId, CancellationToken ct) =>
        await db.Set<Clusters.ClusterConnection>().Where(c => c.ClusterId == clusterId).Select(c => c.PostgresDatabase).SingleOrDefaultAsync(ct) ?? "postgres";
}
