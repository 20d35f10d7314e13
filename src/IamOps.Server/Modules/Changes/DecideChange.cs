using System.ComponentModel.DataAnnotations;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IamOps.Server.Modules.Changes;

public sealed record ChangeDecisionRequest([property: MaxLength(2000)] string? Comment);

/// <summary>
/// The accountable party of the approval row (A; R where the row has no A) approves or rejects. For database changes
/// promoted to production that is the client (A). An urgent change also needs the other party's agreement: both
/// approvals are recorded. Anyone else gets a 403 citing the row.
/// </summary>
internal static class DecideChange
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/approve", (Guid id, ChangeDecisionRequest? request, [AsParameters] ChangeStepDeps deps, CancellationToken ct) =>
            HandleAsync(id, approve: true, request?.Comment, deps, ct)).WithName("ApproveChange");
        group.MapPost("/{id:guid}/reject", (Guid id, ChangeDecisionRequest? request, [AsParameters] ChangeStepDeps deps, CancellationToken ct) =>
            HandleAsync(id, approve: false, request?.Comment, deps, ct)).WithName("RejectChange");
    }

    internal static async Task<Results<Ok<ChangeDto>, NotFound, Conflict<ProblemDetails>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, bool approve, string? comment, ChangeStepDeps deps, CancellationToken ct)
    {
        var verb = approve ? "approve" : "reject";
        var change = await ChangeSteps.LoadAsync(deps.Db, id, ct);
        if (change is null)
        {
            return TypedResults.NotFound();
        }
        var row = await deps.Catalogue.FindAsync(change.ContractId, change.ApprovalActivityKey, ct);
        var (accountable, duty) = row is null ? (null, RaciDuty.Approve) : ChangeSteps.Accountable(row);
        var caller = deps.Tenant.Party;
        var asOtherParty = change.Urgent && approve && caller is { } c && c != accountable && change.RequiredApprovers.Contains(c);
        var check = await deps.Gate.CheckAsync(change.ClientOrganisationId, change.ApprovalActivityKey,
            asOtherParty ? RaciDuty.Contribute : duty, change.ContractId);
        if (!check.Allowed)
        {
            return check.ToProblem();
        }
        if (!approve && string.IsNullOrWhiteSpace(comment))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["comment"] = ["Say why the change is rejected, so the requester can rework it."] });
        }
        if (change.Status != ChangeStatus.InReview)
        {
            return TypedResults.Conflict(ChangeSteps.Conflict(change, verb));
        }
        var now = deps.Clock.GetUtcNow();
        var pending = change.Consultations.Where(k => k.StateAt(now) == "pending").ToList();
        if (approve && pending.Count > 0)
        {
            return TypedResults.Conflict(ChangeSteps.Conflict(change, verb,
                $"{string.Join(" and ", pending.Select(k => k.ConsultedParty))} is consulted (C) and may answer until {pending.Max(k => k.DueAt):yyyy-MM-dd HH:mm} UTC"));
        }
        if (approve && change.Approvals.Any(a => a.Party == caller))
        {
            return TypedResults.Conflict(ChangeSteps.Conflict(change, verb, $"{caller} has already approved it"));
        }

        var who = ChangeSteps.Who(deps.Tenant);
        deps.Audit.ActivityKey = change.ApprovalActivityKey;
        ChangeSteps.Touch(change, now);
        if (!approve)
        {
            change.Status = ChangeStatus.Rejected;
            change.Approvals = [.. change.Approvals, new ChangeApproval(caller!.Value, who, now, "rejected: " + comment!.Trim())];
            deps.Audit.Action = "rejected";
            await ChangeSteps.TellAsync(deps, change, change.RequestedByParty, change.ApprovalActivityKey, "Change rejected",
                $"{who} rejected it: {comment.Trim()}\n\n{row!.Citation}", "change.rejected", ct);
        }
        else
        {
            change.Approvals = [.. change.Approvals, new ChangeApproval(caller!.Value, who, now, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim())];
            deps.Audit.Action = "approved";
            if (ChangeSteps.ApproversStillNeeded(change).Count == 0)
            {
                change.Status = ChangeStatus.Approved;
                change.ApprovedAt = now;
                await ChangeSteps.TellAsync(deps, change, Party.Provider, change.ApprovalActivityKey, "Change approved",
                    $"Approved by {string.Join(" and ", change.Approvals.Select(a => $"{a.By} ({a.Party})"))}; it may now be scheduled.\n\n{row!.Citation}",
                    "change.approved", ct);
            }
        }
        await deps.Db.SaveChangesAsync(ct);
        return TypedResults.Ok(ChangeDto.From(change, now, await ChangeSteps.AttachmentsAsync(deps.Db, id, ct)));
    }
}
