using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IamOps.Server.Modules.Changes;

/// <summary>Draft → in review: the C parties of the change-procedures row are consulted (with a due time), the approvers are fixed.</summary>
internal static class SubmitChange
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/{id:guid}/submit", HandleAsync).WithName(nameof(SubmitChange));

    internal static async Task<Results<Ok<ChangeDto>, NotFound, Conflict<ProblemDetails>, ProblemHttpResult>> HandleAsync(
        Guid id, [AsParameters] ChangeStepDeps deps, IOptions<ChangeOptions> options, CancellationToken ct)
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
        if (change.Status != ChangeStatus.Draft)
        {
            return TypedResults.Conflict(ChangeSteps.Conflict(change, "submit"));
        }
        var approvalRow = await deps.Catalogue.FindAsync(change.ContractId, change.ApprovalActivityKey, ct);
        var (accountable, _) = approvalRow is null ? (null, RaciDuty.Approve) : ChangeSteps.Accountable(approvalRow);
        if (accountable is null)
        {
            return TypedResults.Conflict(ChangeSteps.Conflict(change, "submit",
                $"the contract's row '{change.ApprovalActivityKey}' names no A or R party, so nobody could approve the change"));
        }

        var now = deps.Clock.GetUtcNow();
        var due = now + options.Value.ConsultationDue;
        change.Status = ChangeStatus.InReview;
        change.SubmittedAt = now;
        change.RequiredApprovers = change.Urgent ? [accountable.Value, accountable.Value == Party.Client ? Party.Provider : Party.Client] : [accountable.Value];
        change.Consultations = [.. check.Activity!.PartiesWith(RaciLetter.C).Select(p => new ChangeConsultation { ConsultedParty = p, RequestedAt = now, DueAt = due })];
        ChangeSteps.Touch(change, now);
        deps.Audit.ActivityKey = RaciActivities.ChangeProcedures;
        deps.Audit.Action = "submitted";

        foreach (var consulted in change.Consultations)
        {
            await ChangeSteps.TellAsync(deps, change, consulted.ConsultedParty, RaciActivities.ChangeProcedures, "Your review is requested",
                $"You are consulted (C) on this {change.Type} change; answer by {due:yyyy-MM-dd HH:mm} UTC.\n\n{change.Description}\n\n{check.Activity.Citation}",
                "change.submitted", ct);
        }
        foreach (var approver in change.RequiredApprovers.Where(p => change.Consultations.All(k => k.ConsultedParty != p)))
        {
            await ChangeSteps.TellAsync(deps, change, approver, change.ApprovalActivityKey, "Your approval is requested",
                $"{change.Title} ({change.Type}) awaits your approval.\n\n{approvalRow!.Citation}", "change.submitted", ct);
        }
        await deps.Db.SaveChangesAsync(ct);
        return TypedResults.Ok(ChangeDto.From(change, now, await ChangeSteps.AttachmentsAsync(deps.Db, id, ct)));
    }
}
