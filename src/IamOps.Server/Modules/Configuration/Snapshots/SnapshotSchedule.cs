using IamOps.Server.Data;
using IamOps.Server.Modules.Clusters;
using IamOps.Server.Modules.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IamOps.Server.Modules.Configuration.Snapshots;

/// <summary>Takes a scheduled snapshot of every cluster with a Keycloak connection whose last reading is older than the interval.</summary>
public sealed class SnapshotSchedule(
    IamOpsDb db, TenantContext tenant, SnapshotTaker taker, TimeProvider clock, IOptions<ConfigurationOptions> options, ILogger<SnapshotSchedule> log)
{
    /// <summary>Runs the due snapshots; returns the ids of the clusters read.</summary>
    public async Task<IReadOnlyList<Guid>> RunDueAsync(CancellationToken ct)
    {
        tenant.UseSystem();
        var now = clock.GetUtcNow();
        var clusters = await db.Set<ClusterConnection>().AsNoTracking()
            .Where(c => c.KeycloakBaseUrl != null && c.KeycloakClientId != null).Select(c => c.ClusterId).ToListAsync(ct);
        var done = new List<Guid>();
        foreach (var clusterId in clusters)
        {
            var last = await db.Set<ConfigurationSnapshot>().AsNoTracking().Where(s => s.ClusterId == clusterId)
                .OrderByDescending(s => s.TakenAt).Select(s => (DateTimeOffset?)s.TakenAt).FirstOrDefaultAsync(ct);
            if (last is { } at && now - at < options.Value.SnapshotInterval)
            {
                continue;
            }
            try
            {
                await taker.TakeAsync(clusterId, null, SnapshotTrigger.Scheduled, ct);
                done.Add(clusterId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One cluster's unexpected failure (e.g. a database error) must not stop the others' snapshots.
                log.LogError(e, "Scheduled snapshot of cluster {ClusterId} failed", clusterId);
                db.ChangeTracker.Clear();
            }
        }
        return done;
    }
}

/// <summary>Runs <see cref="SnapshotSchedule"/> every tick of the injected clock.</summary>
internal sealed class ConfigurationSnapshotWorker(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ConfigurationOptions> options, ILogger<ConfigurationSnapshotWorker> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ScheduledSnapshots)
        {
            return;
        }
        using var timer = new PeriodicTimer(options.Value.SchedulerTick, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SnapshotSchedule>().RunDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Scheduled configuration snapshots failed; retrying at the next tick");
            }
        }
    }
}
