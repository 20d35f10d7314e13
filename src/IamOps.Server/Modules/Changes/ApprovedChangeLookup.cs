using IamOps.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Changes;

/// <summary>Approved changes (approved, scheduled, in progress, completed or closed after completing) whose window covers a period.</summary>
internal sealed class ApprovedChangeLookup(IamOpsDb db) : IApprovedChangeLookup
{
    public async Task<IReadOnlyList<ApprovedChangeRef>> CoveringAsync(Guid clusterId, DateTimeOffset since, DateTimeOffset until, CancellationToken ct)
    {
        var statuses = new[] { ChangeStatus.Approved, ChangeStatus.Scheduled, ChangeStatus.InProgress, ChangeStatus.Completed, ChangeStatus.Closed };
        var candidates = await db.Set<ChangeRequest>().AsNoTracking()
            .Where(c => statuses.Contains(c.Status) && c.Targets.Any(t => t.ClusterId == clusterId))
            .Where(c => (c.PlannedStart != null && c.PlannedStart < until && (c.PlannedEnd == null || c.PlannedEnd > since))
                || (c.StartedAt != null && c.StartedAt < until && (c.FinishedAt == null || c.FinishedAt > since)))
            .Select(c => new { c.Id, c.Title, c.PlannedStart, c.PlannedEnd, c.Status, c.StartedAt, c.FinishedAt })
            .ToListAsync(ct);
        // A closed change counts only if it completed (not failed or rolled back): a rolled-back change left nothing behind.
        return [.. candidates.Select(c => new ApprovedChangeRef(c.Id, c.Title, c.PlannedStart ?? c.StartedAt, c.PlannedEnd ?? c.FinishedAt))];
    }
}
