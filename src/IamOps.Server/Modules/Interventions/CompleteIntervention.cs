using System.ComponentModel.DataAnnotations;
using System.Globalization;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IamOps.Server.Modules.Interventions;

public sealed record CompleteInterventionRequest([property: Required, MinLength(1), MaxLength(8000)] string Report);

/// <summary>The R party reports the work done: to <c>awaiting-approval</c> when the row has an A party, else <c>done</c>.</summary>
internal static class CompleteIntervention
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/complete", HandleAsync).WithName(nameof(CompleteIntervention));

    internal static async Task<Results<Ok<InterventionDto>, NotFound, Conflict<ProblemDetails>, ProblemHttpResult>> HandleAsync(
        Guid id, CompleteInterventionRequest request, [AsParameters] InterventionStepDeps deps, CancellationToken ct)
    {
        var intervention = await InterventionSteps.LoadAsync(deps.Db, id, ct);
        if (intervention is null)
        {
            return TypedResults.NotFound();
        }
        var check = await deps.Gate.CheckAsync(intervention.ClientOrganisationId, intervention.ActivityKey, RaciDuty.Perform, intervention.ContractId);
        if (!check.Allowed)
        {
            return check.ToProblem();
        }
        if (intervention.Status != InterventionStatus.Open)
        {
            return TypedResults.Conflict(InterventionSteps.Conflict(intervention, "complete"));
        }
        var now = deps.Clock.GetUtcNow();
        var pending = intervention.Consultations.Where(c => c.StateAt(now) == "pending").OrderBy(c => c.DueAt).ToList();
        if (pending.Count > 0)
        {
            var waiting = string.Join("; ", pending.Select(c =>
                $"{RaciActivityView.PartyName(c.ConsultedParty)} (consulted, due {c.DueAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC)"));
            var problem = WorkflowProblems.TransitionNotAllowed($"Intervention {intervention.Id}", "open", "complete", [],
                $"it waits for input from {waiting}; complete it once answered or past due");
            problem.Extensions["pendingConsultations"] = pending.Select(c => new { c.Id, Party = c.ConsultedParty.ToString(), c.DueAt }).ToArray();
            return TypedResults.Conflict(problem);
        }

        var row = check.Activity!;
        var approvers = row.PartiesWith(RaciLetter.A);
        intervention.Report = request.Report.Trim();
        intervention.CompletedBy = deps.Tenant.UserEmail ?? "system";
        intervention.CompletedAt = now;
        intervention.UpdatedAt = now;
        intervention.Version++;
        var news = new InterventionNews(intervention, row);
        if (approvers.Count > 0)
        {
            intervention.Status = InterventionStatus.AwaitingApproval;
            intervention.ApproverParty = approvers[0];
            news.To(approvers, "Approval requested", $"As the accountable (A) party, approve or reject the work.\n\nReport: {intervention.Report}");
            news.ToInformed("Work completed, awaiting approval", $"Report: {intervention.Report}");
        }
        else
        {
            intervention.Status = InterventionStatus.Done;
            news.ToInformed("Work done", $"Report: {intervention.Report}");
        }
        if (intervention.RequestedByParty != intervention.AssignedParty)
        {
            news.To(intervention.RequestedByParty, "Work completed", $"Report: {intervention.Report}");
        }
        await news.SendAsync(deps.Notifier, ct);

        await deps.Db.SaveChangesAsync(ct);
        return TypedResults.Ok(InterventionDto.From(intervention, now));
    }
}
