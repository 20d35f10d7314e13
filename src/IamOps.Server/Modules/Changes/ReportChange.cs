using System.ComponentModel.DataAnnotations;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IamOps.Server.Modules.Changes;

public sealed record ChangeReportRequest([property: Required, MinLength(1), MaxLength(16000)] string Report);

/// <summary>The activity report of a finished change (provider R, client I), required before the change is closed.</summary>
internal static class ReportChange
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/report", ReportAsync).WithName(nameof(ReportChange));
        group.MapPost("/{id:guid}/close", CloseAsync).WithName("CloseChange");
    }

    internal static async Task<Results<Ok<ChangeDto>, NotFound, Conflict<ProblemDetails>, ProblemHttpResult>> ReportAsync(
        Guid id, ChangeReportRequest request, [AsParameters] ChangeStepDeps deps, CancellationToken ct)
    {
        var change = await ChangeSteps.LoadAsync(deps.Db, id, ct);
        if (change is null)
        {
            return TypedResults.NotFound();
        }
        var check = await deps.Gate.CheckAsync(change.ClientOrganisationId, RaciActivities.ChangeActivityReport, RaciDuty.Perform, change.ContractId);
        if (!check.Allowed)
        {
            return check.ToProblem();
        }
        if (!change.IsFinished)
        {
            return TypedResults.Conflict(ChangeSteps.Conflict(change, "report", "the activity report follows the change's completion, failure or roll-back"));
        }
        var now = deps.Clock.GetUtcNow();
        change.ActivityReport = request.Report.Trim();
        change.ReportedBy = ChangeSteps.Who(deps.Tenant);
        ChangeSteps.Touch(change, now);
        deps.Audit.ActivityKey = RaciActivities.ChangeActivityReport;
        deps.Audit.Action = "reported";
        foreach (var informed in check.Activity!.PartiesWith(RaciLetter.I))
        {
            await ChangeSteps.TellAsync(deps, change, informed, RaciActivities.ChangeActivityReport, "Activity report",
                $"{change.ReportedBy} reported on the change ({ChangeRequest.StateName(change.Status)}):\n\n{change.ActivityReport}\n\n{check.Activity.Citation}",
                "change.reported", ct);
        }
        await deps.Db.SaveChangesAsync(ct);
        return TypedResults.Ok(ChangeDto.From(change, now, await ChangeSteps.AttachmentsAsync(deps.Db, id, ct)));
    }

    internal static async Task<Results<Ok<ChangeDto>, NotFound, Conflict<ProblemDetails>, ProblemHttpResult>> CloseAsync(
        Guid id, [AsParameters] ChangeStepDeps deps, CancellationToken ct)
    {
        var change = await ChangeSteps.LoadAsync(deps.Db, id, ct);
        if (change is null)
        {
            return TypedResults.NotFound();
        }
        var check = await deps.Gate.CheckAsync(change.ClientOrganisationId, RaciActivities.ChangeActivityReport, RaciDuty.Perform, change.ContractId);
        if (!check.Allowed)
        {
            return check.ToProblem();
        }
        if (!change.IsFinished || change.ActivityReport is null)
        {
            return TypedResults.Conflict(ChangeSteps.Conflict(change, "close",
                change.IsFinished ? "the activity report is required before closing: POST /report first" : null));
        }
        var now = deps.Clock.GetUtcNow();
        change.Status = ChangeStatus.Closed;
        change.ClosedAt = now;
        ChangeSteps.Touch(change, now);
        deps.Audit.ActivityKey = RaciActivities.ChangeActivityReport;
        deps.Audit.Action = "closed";
        await deps.Db.SaveChangesAsync(ct);
        return TypedResults.Ok(ChangeDto.From(change, now, await ChangeSteps.AttachmentsAsync(deps.Db, id, ct)));
    }
}
