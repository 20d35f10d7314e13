using System.Diagnostics;
using System.Globalization;
using IamOps.Server.Data;
using IamOps.Server.Modules.Clusters;
using IamOps.Server.Modules.Notifications;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IamOps.Server.Modules.Backups;

/// <summary>Restores a chosen backup (logical: into a new database on the source server) or a point in time (pgBackRest: into a new instance).</summary>
public sealed class RestoreRunner(
    IamOpsDb db, ToolRunner tools, PhysicalBackup physical, IClusterConnections connections, BackupProgress progress, INotifier notifier, TimeProvider clock,
    ILogger<RestoreRunner> log)
{
    public static string Plan(BackupPolicy policy, BackupRun? backup, DateTimeOffset? targetTime, string reference)
    {
        var steps = new List<string> { $"Reference: {reference}." };
        if (targetTime is { } t)
        {
            steps.Add($"pgBackRest restores the newest backup of stanza {policy.Stanza} taken before {t:u} into a new data directory under the IamOps data directory.");
            steps.Add($"PostgreSQL replays the archived WAL up to {t:yyyy-MM-dd HH:mm:ss.fff} UTC (--type=time), then promotes.");
            steps.Add("The new instance starts on a free port, Unix socket only, WAL archiving off; the source is not touched.");
        }
        else if (backup!.Method == BackupMethod.Physical)
        {
            steps.Add($"pgBackRest restores backup {backup.Artifact} (consistent point, --type=immediate) into a new data directory.");
            steps.Add("The new instance starts on a free port, Unix socket only, WAL archiving off; the source is not touched.");
        }
        else
        {
            steps.Add($"A new database is created on the source server next to the current one; pg_restore -j {policy.ParallelJobs} loads backup {backup.Id} ({backup.StartedAt:u}) into it.");
            steps.Add("The current database is not touched; switching Keycloak to the restored database is a separate, approved change.");
        }
        steps.Add("The client is informed when the restore starts and when it ends.");
        return string.Join('\n', steps.Select((s, i) => $"{i + 1}. {s}"));
    }

    public async Task ExecuteAsync(Guid restoreId, CancellationToken ct)
    {
        var restore = await db.Set<RestoreRun>().AsTracking().SingleAsync(r => r.Id == restoreId, ct);
        var policy = await db.Set<BackupPolicy>().AsNoTracking().SingleAsync(p => p.ClusterId == restore.ClusterId, ct);
        var backup = restore.BackupRunId is { } id ? await db.Set<BackupRun>().AsNoTracking().SingleAsync(r => r.Id == id, ct) : null;
        var state = progress.For(restore.Id);
        var watch = Stopwatch.StartNew();
        try
        {
            if (backup?.Method == BackupMethod.Logical)
            {
                restore.Target = await RestoreLogicalAsync(restore, backup, policy, state, ct);
            }
            else
            {
                restore.Target = await RestorePhysicalAsync(restore, backup, policy, state, ct);
            }
            restore.Status = RestoreStatus.Succeeded;
        }
        catch (BackupFailedException e)
        {
            restore.Status = RestoreStatus.Failed;
            restore.FailureReason = e.Message;
            restore.Output = e.Output;
        }
        catch (Exception e) when (e is BackupToolException or NpgsqlException or IOException or OperationCanceledException)
        {
            restore.Status = RestoreStatus.Failed;
            restore.FailureReason = e.Message;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            BackupsLog.UnexpectedError(log, restore.Id, e);
            restore.Status = RestoreStatus.Failed;
            restore.FailureReason = $"IamOps error ({e.GetType().Name}): {e.Message}";
        }
        restore.FinishedAt = clock.GetUtcNow();
        restore.DurationMs = watch.ElapsedMilliseconds;
        state.Set(restore.Status.ToString().ToLowerInvariant(), 100);
        await notifier.NotifyAsync(new NotificationMessage(restore.ClientOrganisationId, Party.Client, RaciActivities.Restore,
            $"Restore {restore.Status.ToString().ToLowerInvariant()}",
            restore.Status == RestoreStatus.Succeeded
                ? $"The restore for {restore.Reference} finished in {restore.DurationMs} ms into {restore.Target}."
                : $"The restore for {restore.Reference} failed: {restore.FailureReason}",
            BackupsModule.RestoreLocation(restore.ClusterId, restore.Id), "backup.restore-finished"), CancellationToken.None);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>The failures of <see cref="ReleaseAsync"/> that are reported to the user (the tool, the database or the files refused).</summary>
    public static bool IsReleaseFailure(Exception e) =>
        e is BackupFailedException or BackupToolException or Npgsql.NpgsqlException or IOException or UnauthorizedAccessException;

    /// <summary>Drops the database a logical restore created, or stops and removes the instance a physical one started.</summary>
    public async Task ReleaseAsync(RestoreRun restore, string releasedBy, CancellationToken ct)
    {
        if (restore.RestoredDatabase is { } name)
        {
            var source = await connections.PostgresAsync(restore.ClusterId, ct)
                ?? throw new BackupFailedException("The cluster has no PostgreSQL connection configured.", "");
            await using var conn = new NpgsqlConnection(source.ConnectionString() + ";Pooling=false");
            await conn.OpenAsync(ct);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\" WITH (FORCE)", conn);
            await drop.ExecuteNonQueryAsync(ct);
        }
        else if (restore.InstanceDirectory is { } directory)
        {
            await ScratchInstance.RemoveAsync(tools, directory);
        }
        restore.ReleasedAt = clock.GetUtcNow();
        restore.ReleasedBy = releasedBy;
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private async Task<string> RestoreLogicalAsync(RestoreRun restore, BackupRun backup, BackupPolicy policy, ProgressState state, CancellationToken ct)
    {
        var source = await connections.PostgresAsync(restore.ClusterId, ct)
            ?? throw new BackupFailedException("The cluster has no PostgreSQL connection configured.", "");
        var name = $"{source.Database}_restore_{restore.StartedAt:yyyyMMddHHmmss}";
        await using (var conn = new NpgsqlConnection(source.ConnectionString() + ";Pooling=false"))
        {
            await conn.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
        restore.RestoredDatabase = name;
        state.Set("pg_restore", 10);
        var env = new Dictionary<string, string>(source.LibpqEnvironment()) { ["PGDATABASE"] = name };
        var result = await tools.RunAsync(tools.PgBin("pg_restore"),
            ["-j", policy.ParallelJobs.ToString(CultureInfo.InvariantCulture), "--no-owner", "--exit-on-error", "-d", name, backup.Artifact!], env, state.Line, ct);
        restore.Output = result.Output;
        if (!result.Succeeded)
        {
            throw new BackupFailedException($"pg_restore exited with code {result.ExitCode}", result.Output);
        }
        return $"database {name} on {source.Host}:{source.Port}";
    }

    private async Task<string> RestorePhysicalAsync(RestoreRun restore, BackupRun? backup, BackupPolicy policy, ProgressState state, CancellationToken ct)
    {
        var instance = await ScratchInstance.PrepareAsync(tools, Path.Combine(tools.Options.DataDirectory, "restores"), keep: true, ct);
        restore.InstanceDirectory = instance.Root;
        state.Set("pgbackrest restore", 10);
        var result = await physical.RestoreAsync(policy, instance.DataDirectory, backup?.Artifact, restore.TargetTime, state, ct);
        restore.Output = result.Output;
        if (!result.Succeeded)
        {
            throw new BackupFailedException($"pgbackrest restore exited with code {result.ExitCode}", result.Output);
        }
        state.Set("starting and replaying WAL", 60);
        await instance.StartAsync(ct);
        await instance.WaitForPromotionAsync(ct);
        return $"instance {instance.DataDirectory} socket {instance.SocketDirectory} port {instance.Port}";
    }
}
