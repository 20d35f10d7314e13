using System.Collections.Concurrent;
using IamOps.Server.Data;
using IamOps.Server.Modules.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IamOps.Server.Modules.Backups;

/// <summary>Runs backups, verifications and restores in the background (own scope, system tenant); each can be cancelled, which kills its tool.</summary>
public sealed class BackupExecutor(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<BackupExecutor> log) : IDisposable
{
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _running = new();

    public void Start(Guid id, Func<IServiceProvider, CancellationToken, Task> work)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        _running[id] = cts;
        _ = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
                await work(scope.ServiceProvider, cts.Token);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                BackupsLog.BackgroundWorkFailed(log, id, e);
            }
            finally
            {
                _running.TryRemove(id, out _);
                cts.Dispose();
            }
        }, CancellationToken.None);
    }

    public bool IsRunning(Guid id) => _running.ContainsKey(id);

    public bool Cancel(Guid id)
    {
        if (_running.TryGetValue(id, out var cts))
        {
            cts.Cancel();
            return true;
        }
        return false;
    }

    public void Dispose()
    {
        foreach (var cts in _running.Values)
        {
            cts.Cancel();
        }
    }
}

/// <summary>At start-up, records this instance left running (it was killed) become interrupted; their partial artifacts are removed.</summary>
public sealed class InterruptedRunsSweep(IServiceScopeFactory scopes, IOptions<BackupOptions> options, TimeProvider clock, ILogger<InterruptedRunsSweep> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        await SweepAsync(scope.ServiceProvider.GetRequiredService<IamOpsDb>(), options.Value, clock, cancellationToken);
        BackupsLog.Swept(log);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task<int> SweepAsync(IamOpsDb db, BackupOptions options, TimeProvider clock, CancellationToken ct)
    {
        var instance = BackupRunner.InstanceName(options);
        var now = clock.GetUtcNow();
        var runs = await db.Set<BackupRun>().AsTracking()
            .Where(r => r.Instance == instance && (r.Status == BackupStatus.Running || r.Verification == VerificationStatus.Verifying))
            .ToListAsync(ct);
        foreach (var run in runs)
        {
            if (run.Status == BackupStatus.Running)
            {
                run.Status = BackupStatus.Interrupted;
                run.FinishedAt = now;
                run.FailureReason = "IamOps stopped while this backup was running; its partial artifact was discarded.";
                run.Artifact = null;
                if (run.Method == BackupMethod.Logical)
                {
                    LogicalBackup.TryDelete(Path.Combine(LogicalBackup.ArtifactRoot(options, run.ClusterId), $"{run.Id:N}.partial"));
                }
            }
            if (run.Verification == VerificationStatus.Verifying)
            {
                run.Verification = VerificationStatus.NotVerified;
                run.VerificationDetail = "IamOps stopped during the verification; it must be run again.";
            }
        }
        var restores = await db.Set<RestoreRun>().AsTracking().Where(r => r.Status == RestoreStatus.Running).ToListAsync(ct);
        foreach (var restore in restores)
        {
            restore.Status = RestoreStatus.Interrupted;
            restore.FinishedAt = now;
            restore.FailureReason = "IamOps stopped while this restore was running.";
        }
        await db.SaveChangesAsync(ct);
        return runs.Count;
    }
}

internal static partial class BackupsLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Background backup work {Id} failed")]
    public static partial void BackgroundWorkFailed(ILogger logger, Guid id, Exception e);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error in backup work {Id}; its record ends failed")]
    public static partial void UnexpectedError(ILogger logger, Guid id, Exception e);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup records left running by this instance were marked interrupted")]
    public static partial void Swept(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled backup of policy {PolicyId} at {FireTime} already taken by another instance")]
    public static partial void FireTimeTaken(ILogger logger, Guid policyId, DateTimeOffset fireTime);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Missed scheduled backup of cluster {ClusterId} due at {Due}")]
    public static partial void MissedRun(ILogger logger, Guid clusterId, DateTimeOffset due);
}
