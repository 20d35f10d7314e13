using System.ComponentModel.DataAnnotations;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IamOps.Server.Modules.Changes;

public sealed record OverrideClassificationRequest(ChangeType Type, [property: Required, MinLength(10), MaxLength(2000)] string Justification);

/// <summary>The responsible party overrides the computed type with a justification; the override is audited.</summary>
internal static class OverrideClassification
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/{id:guid}/classification", HandleAsync).WithName(nameof(OverrideClassification));

    internal static async Task<Results<Ok<ChangeDto>, NotFound, Conflict<ProblemDetails>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, OverrideClassificationRequest request, [AsParameters] ChangeStepDeps deps, CancellationToken ct)
    {
        var change = await ChangeSteps.LoadAsync(deps.Db, id, ct);
        if (change is null)
        {
            return TypedResults.NotFound();
        }
        var check = await deps.Gate.CheckAsync(change.ClientOrganisationId, RaciActivities.ChangeProcedures, RaciDuty.Perform, change.ContractId);
        if (!check.Allowed)
        {
            return check.ToProblem();
        }
        if (!Enum.IsDefined(request.Type))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["type"] = ["Use Minor, Medium or Major."] });
        }
        if (change.Status is not (ChangeStatus.Draft or ChangeStatus.InReview))
        {
            return TypedResults.Conflict(ChangeSteps.Conflict(change, "override classification", "the type is fixed once the change is approved"));
        }
        var now = deps.Clock.GetUtcNow();
        change.OverrideType = request.Type == change.ComputedType ? null : request.Type;
        change.OverrideJustification = change.OverrideType is null ? null : request.Justification.Trim();
        ChangeSteps.Touch(change, now);
        deps.Audit.ActivityKey = RaciActivities.ChangeProcedures;
        deps.Audit.Action = "classification-overridden";
        await deps.Db.SaveChangesAsync(ct);
        return TypedResults.Ok(ChangeDto.From(change, now, await ChangeSteps.AttachmentsAsync(deps.Db, id, ct)));
    }
}
