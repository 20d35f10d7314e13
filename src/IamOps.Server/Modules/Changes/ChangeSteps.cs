using IamOps.Server.Data;
using IamOps.Server.Modules.AuditTrail;
using IamOps.Server.Modules.Notifications;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Changes;

/// <summary>The services every change step needs; bound from DI with <c>[AsParameters]</c>.</summary>
internal sealed record ChangeStepDeps(IamOpsDb Db, TenantContext Tenant, RaciGate Gate, RaciCatalogue Catalogue, INotifier Notifier,
    AuditScope Audit, TimeProvider Clock);

/// <summary>What every change step shares: loading, the 409 answer, approvers, telling the parties.</summary>
internal static class ChangeSteps
{
    public static Task<ChangeRequest?> LoadAsync(IamOpsDb db, Guid id, CancellationToken ct) =>
        db.Set<ChangeRequest>().Include(c => c.Targets).SingleOrDefaultAsync(c => c.Id == id, ct);

    public static Task<List<ChangeAttachment>> AttachmentsAsync(IamOpsDb db, Guid id, CancellationToken ct) =>
        db.Set<ChangeAttachment>().AsNoTracking().Where(a => a.ChangeRequestId == id).ToListAsync(ct);

    public static ProblemDetails Conflict(ChangeRequest c, string attempted, string? why = null) =>
        WorkflowProblems.TransitionNotAllowed($"Change {c.Id}", ChangeRequest.StateName(c.Status), attempted, c.Allowed, why);

    public static IReadOnlyList<Party> ApproversStillNeeded(ChangeRequest c) =>
        c.Status == ChangeStatus.InReview ? [.. c.RequiredApprovers.Where(p => c.Approvals.All(a => a.Party != p))] : [];

    /// <summary>The party accountable for the row: A, or R where the row names no A (the responsible party answers for it).</summary>
    public static (Party? Party, RaciDuty Duty) Accountable(RaciActivityView row)
    {
        var a = row.PartiesWith(RaciLetter.A);
        if (a.Count > 0)
        {
            return (a[0], RaciDuty.Approve);
        }
        var r = row.PartiesWith(RaciLetter.R);
        return (r.Count > 0 ? r[0] : null, RaciDuty.Perform);
    }

    public static Task TellAsync(ChangeStepDeps deps, ChangeRequest c, Party to, string? activityKey, string subject, string body, string? eventType, CancellationToken ct) =>
        deps.Notifier.NotifyAsync(new NotificationMessage(c.ClientOrganisationId, to, activityKey, $"{subject}: {c.Title}", body,
            ChangesModule.Location(c.Id), eventType), ct);

    public static void Touch(ChangeRequest c, DateTimeOffset now) => c.UpdatedAt = now;

    public static string Who(TenantContext tenant) => tenant.UserEmail ?? "system";
}
