using System.ComponentModel.DataAnnotations;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IamOps.Server.Modules.Changes;

public sealed record ChangeContributionRequest([property: Required, MinLength(1), MaxLength(4000)] string Text);

public sealed record ChangeConsultationResponse([property: Required, MinLength(1), MaxLength(4000)] string Response);

/// <summary>The review: S (or R) parties contribute, C parties answer their consultation.</summary>
internal static class ReviewChange
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/contributions", ContributeAsync).WithName("ContributeToChange");
        group.MapPost("/{id:guid}/consultations/{index:int}/respond", RespondAsync).WithName("RespondToChangeConsultation");
    }

    internal static async Task<Results<Ok<ChangeDto>, NotFound, Conflict<ProblemDetails>, ProblemHttpResult>> ContributeAsync(
        Guid id, ChangeContributionRequest request, [AsParameters] ChangeStepDeps deps, CancellationToken ct)
    {
        var change = await ChangeSteps.LoadAsync(deps.Db, id, ct);
        if (change is null)
        {
            return TypedResults.NotFound();
        }
        var check = await deps.Gate.CheckAsync(change.ClientOrganisationId, RaciActivities.ChangeProcedures, RaciDuty.Contribute, change.ContractId);
        if (!check.Allowed)
        {
            return check.ToProblem();
        }
        if (change.Status is ChangeStatus.Closed or ChangeStatus.Rejected or ChangeStatus.Declared)
        {
            return TypedResults.Conflict(ChangeSteps.Conflict(change, "contribute", "the change is no longer open to contributions"));
        }
        var now = deps.Clock.GetUtcNow();
        change.Contributions = [.. change.Contributions, new ChangeContribution(deps.Tenant.Party!.Value, ChangeSteps.Who(deps.Tenant), now, request.Text.Trim())];
        ChangeSteps.Touch(change, now);
        deps.Audit.ActivityKey = RaciActivities.ChangeProcedures;
        deps.Audit.Action = "contributed";
        await deps.Db.SaveChangesAsync(ct);
        return TypedResults.Ok(ChangeDto.From(change, now, await ChangeSteps.AttachmentsAsync(deps.Db, id, ct)));
    }

    internal static async Task<Results<Ok<ChangeDto>, NotFound, Conflict<ProblemDetails>, ProblemHttpResult>> RespondAsync(
        Guid id, int index, ChangeConsultationResponse request, [AsParameters] ChangeStepDeps deps, CancellationToken ct)
    {
        var change = await ChangeSteps.LoadAsync(deps.Db, id, ct);
        if (change is null || index < 0 || index >= change.Consultations.Count)
        {
            return TypedResults.NotFound();
        }
        var check = await deps.Gate.CheckAsync(change.ClientOrganisationId, RaciActivities.ChangeProcedures, RaciDuty.RespondToConsultation, change.ContractId);
        if (!check.Allowed)
        {
            return check.ToProblem();
        }
        var consultation = change.Consultations[index];
        if (consultation.ConsultedParty != deps.Tenant.Party)
        {
            return TypedResults.Problem(Platform.WorkflowProblems.Forbidden($"This consultation asks {consultation.ConsultedParty}, not your party."));
        }
        if (consultation.RespondedAt is not null || change.Status != ChangeStatus.InReview)
        {
            return TypedResults.Conflict(ChangeSteps.Conflict(change, "respond", consultation.RespondedAt is null ? null : "this consultation is already answered"));
        }
        var now = deps.Clock.GetUtcNow();
        // Replaced, not mutated in place, so that the JSON column is written and audited.
        change.Consultations = [.. change.Consultations.Select((k, i) => i != index ? k : new ChangeConsultation
        {
            ConsultedParty = k.ConsultedParty, RequestedAt = k.RequestedAt, DueAt = k.DueAt,
            Response = request.Response.Trim(), RespondedBy = ChangeSteps.Who(deps.Tenant), RespondedAt = now,
        })];
        ChangeSteps.Touch(change, now);
        deps.Audit.ActivityKey = RaciActivities.ChangeProcedures;
        deps.Audit.Action = "consultation-answered";
        await deps.Db.SaveChangesAsync(ct);
        return TypedResults.Ok(ChangeDto.From(change, now, await ChangeSteps.AttachmentsAsync(deps.Db, id, ct)));
    }
}
