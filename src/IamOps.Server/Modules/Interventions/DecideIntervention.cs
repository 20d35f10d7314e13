using System.ComponentModel.DataAnnotations;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IamOps.Server.Modules.Interventions;

public sealed record InterventionDecisionRequest([property: MaxLength(2000)] string? Reason);

/// <summary>The accountable (A) party approves (→ done) or rejects (→ rejected, with a reason) completed work.</summary>
internal static class DecideIntervention
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/approve", (Guid id, InterventionDecisionRequest? request, [AsParameters] InterventionStepDeps deps, CancellationToken ct) =>
            HandleAsync(id, approve: true, request?.Reason, deps, ct)).WithName("ApproveIntervention");
        group.MapPost("/{id:guid}/reject", (Guid id, InterventionDecisionRequest? request, [AsParameters] InterventionStepDeps deps, CancellationToken ct) =>
            HandleAsync(id, approve: false, request?.Reason, deps, ct)).WithName("RejectIntervention");
    }

    internal static async Task<Results<Ok<InterventionDto>, NotFound, Conflict<ProblemDetails>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, bool approve, string? reason, InterventionStepDeps deps, CancellationToken ct)
    {
        var verb = approve ? "approve" : "reject";
        var intervention = await InterventionSteps.LoadAsync(deps.Db, id, ct);
        if (intervention is null)
        {
            return TypedResults.NotFound();
        }
        var check = await deps.Gate.CheckAsync(intervention.ClientOrganisationId, intervention.ActivityKey, RaciDuty.Approve, intervention.ContractId);
        if (!check.Allowed)
        {
            return check.ToProblem();
        }
        if (!approve && string.IsNullOrWhiteSpace(reason))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Say why the work is rejected, so the responsible party can redo it."] });
        }
        if (intervention.Status != InterventionStatus.AwaitingApproval)
        {
            return TypedResults.Conflict(InterventionSteps.Conflict(intervention, verb));
        }

        var now = deps.Clock.GetUtcNow();
        intervention.Status = approve ? InterventionStatus.Done : InterventionStatus.Rejected;
        intervention.DecisionReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        intervention.DecidedBy = deps.Tenant.UserEmail ?? "system";
        intervention.DecidedAt = now;
        intervention.UpdatedAt = now;
        intervention.Version++;

        var outcome = approve ? "Work approved" : "Work rejected";
        var body = $"{intervention.DecidedBy} {(approve ? "approved" : "rejected")} it." + (intervention.DecisionReason is null ? "" : $" Reason: {intervention.DecisionReason}");
        await new InterventionNews(intervention, check.Activity!)
            .To(intervention.AssignedParty, outcome, body)
            .To(intervention.RequestedByParty, outcome, body)
            .ToInformed(outcome, body)
            .SendAsync(deps.Notifier, ct);

        await deps.Db.SaveChangesAsync(ct);
        return TypedResults.Ok(InterventionDto.From(intervention, now));
    }
}
