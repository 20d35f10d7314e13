using IamOps.Server.Data;
using IamOps.Server.Modules.ResourceHistory;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Changes;

/// <summary>Contributes each change's milestones (submitted, approved, scheduled, started, finished, closed, declared) to resource history.</summary>
internal sealed class ChangeHistorySource(IamOpsDb db) : IResourceHistorySource
{
    public async Task<IReadOnlyList<ResourceHistoryEntry>> GetAsync(ResourceKey resource, DateTimeOffset? since, DateTimeOffset? until, CancellationToken ct)
    {
        var query = db.Set<ChangeRequest>().AsNoTracking().Include(c => c.Targets)
            .Where(c => c.Targets.Any(t => t.ClusterId == resource.ClusterId));
        if (resource.Kind != ResourceKind.Cluster)
        {
            // A resource's history includes the changes on that resource and those on the whole cluster.
            query = query.Where(c => c.Targets.Any(t => t.ClusterId == resource.ClusterId
                && (t.Kind == ResourceKind.Cluster || (t.Kind == resource.Kind && t.Name == resource.Name))));
        }
        var changes = await query.ToListAsync(ct);
        var entries = new List<ResourceHistoryEntry>();
        foreach (var c in changes)
        {
            var target = c.Targets.FirstOrDefault(t => t.ClusterId == resource.ClusterId && t.Kind == resource.Kind && t.Name == resource.Name)
                ?? c.Targets.First(t => t.ClusterId == resource.ClusterId);
            var key = new ResourceKey(target.ClusterId, target.Kind, target.Name);
            var link = ChangesModule.Location(c.Id);
            void Add(DateTimeOffset? at, string what, string? detail = null)
            {
                if (at is { } a && (since is null || a >= since) && (until is null || a <= until))
                {
                    entries.Add(new ResourceHistoryEntry(a, "change", $"{c.Type} change {what}: {c.Title}", key, link, detail));
                }
            }
            if (c.Origin == ChangeOrigin.ClientEnvironment)
            {
                Add(c.CreatedAt, "declared by the client", c.Description);
                continue;
            }
            Add(c.SubmittedAt, "submitted", c.Description);
            Add(c.ApprovedAt, "approved", string.Join(", ", c.Approvals.Select(a => $"{a.By} ({a.Party})")));
            Add(c.ScheduledAt, "scheduled", c.PlannedStart is { } s ? $"{s:u} – {c.PlannedEnd:u}" : null);
            Add(c.StartedAt, "started");
            Add(c.FinishedAt, ChangeRequest.StateName(c.Status is ChangeStatus.Closed ? ChangeStatus.Completed : c.Status));
            Add(c.ClosedAt, "closed", c.ActivityReport);
        }
        return entries;
    }
}
