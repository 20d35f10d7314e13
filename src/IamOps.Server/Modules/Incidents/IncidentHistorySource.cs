using IamOps.Server.Data;
using IamOps.Server.Modules.ResourceHistory;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Incidents;

/// <summary>Incidents touching a cluster appear in its history: when they opened, were acknowledged and resolved.</summary>
internal sealed class IncidentHistorySource(IamOpsDb db) : IResourceHistorySource
{
    public async Task<IReadOnlyList<ResourceHistoryEntry>> GetAsync(ResourceKey resource, DateTimeOffset? since, DateTimeOffset? until, CancellationToken ct)
    {
        // Incidents concern whole clusters: a node, database or realm shows no incident of its own.
        if (resource.Kind != ResourceKind.Cluster)
        {
            return [];
        }
        var incidents = await db.Set<Incident>().AsNoTracking().Where(i => i.ClusterIds.Contains(resource.ClusterId)).ToListAsync(ct);
        var entries = new List<ResourceHistoryEntry>();
        foreach (var i in incidents)
        {
            var link = IncidentsModule.Location(i.Id);
            entries.Add(new(i.OpenedAt, "incidents", $"Incident {i.Severity} opened: {i.Title}", resource, link, $"Source {i.Source}, opened by {i.OpenedBy}."));
            if (i.AcknowledgedAt is { } ack)
            {
                entries.Add(new(ack, "incidents", $"Incident {i.Severity} acknowledged: {i.Title}", resource, link, i.Owner is null ? null : $"Owner {i.Owner}."));
            }
            if (i.ResolvedAt is { } resolved)
            {
                entries.Add(new(resolved, "incidents", $"Incident {i.Severity} resolved: {i.Title}", resource, link));
            }
        }
        return entries.Where(e => (since is null || e.At >= since) && (until is null || e.At <= until)).OrderBy(e => e.At).ToList();
    }
}
