using IamOps.Server.Data;
using IamOps.Server.Modules.ResourceHistory;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Configuration.Snapshots;

/// <summary>Configuration snapshots (new versions and failures) and drifts, on the realm's history and its cluster's.</summary>
internal sealed class ConfigurationHistorySource(IamOpsDb db) : IResourceHistorySource
{
    public async Task<IReadOnlyList<ResourceHistoryEntry>> GetAsync(ResourceKey resource, DateTimeOffset? since, DateTimeOffset? until, CancellationToken ct)
    {
        if (resource.Kind is not (ResourceKind.Cluster or ResourceKind.Realm))
        {
            return [];
        }
        var realm = resource.Kind == ResourceKind.Realm ? resource.Name : null;
        var snapshots = db.Set<ConfigurationSnapshot>().AsNoTracking()
            .Where(s => s.ClusterId == resource.ClusterId && s.Status != SnapshotStatus.Unchanged && (realm == null || s.Realm == realm));
        var drifts = db.Set<ConfigurationDrift>().AsNoTracking().Where(d => d.ClusterId == resource.ClusterId && (realm == null || d.Realm == realm));
        if (since is { } from)
        {
            snapshots = snapshots.Where(s => s.TakenAt >= from);
            drifts = drifts.Where(d => d.DetectedAt >= from);
        }
        if (until is { } to)
        {
            snapshots = snapshots.Where(s => s.TakenAt <= to);
            drifts = drifts.Where(d => d.DetectedAt <= to);
        }
        var snapshotList = await snapshots.ToListAsync(ct);
        var driftList = await drifts.ToListAsync(ct);
        var entries = snapshotList.Select(s => new ResourceHistoryEntry(
                s.TakenAt, "configuration",
                s.Status == SnapshotStatus.Failed
                    ? $"Configuration snapshot of realm {s.Realm} failed"
                    : $"Configuration of realm {s.Realm}: version {s.Version}{(s.ChangeCount is { } n ? $" ({n} change(s))" : "")}",
                new ResourceKey(s.ClusterId, ResourceKind.Realm, s.Realm),
                ConfigurationModule.SnapshotLocation(s.ClusterId, s.Id),
                s.Status == SnapshotStatus.Failed ? s.Error : s.ApprovedChanges is { } approved ? $"Approved change(s):\n{approved}" : null))
            .Concat(driftList.Select(d => new ResourceHistoryEntry(
                d.DetectedAt, "configuration-drift",
                $"Drift on realm {d.Realm}: {d.ChangeCount} change(s) without an approved change request",
                new ResourceKey(d.ClusterId, ResourceKind.Realm, d.Realm),
                ConfigurationModule.DriftLocation(d.ClusterId, d.Id),
                d.Summary)))
            .OrderBy(e => e.At)
            .ToList();
        return entries;
    }
}
