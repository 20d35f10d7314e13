using System.ComponentModel.DataAnnotations;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IamOps.Server.Modules.Changes;

public sealed record ChangeOutcomeRequest([property: MaxLength(2000)] string? Note);

/// <summary>The provider runs the scheduled change: start, then completed, failed or rolled back. The client is told of a Major change's outcome.</summary>
internal static class RunChange
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/start", (Guid id, [AsParameters] ChangeStepDeps deps, CancellationToken ct) =>
            HandleAsync(id, "start", null, deps, ct)).WithName("StartChange");
        group.MapPost("/{id:guid}/complete", (Guid id, ChangeOutcomeRequest? request, [AsParameters] ChangeStepDeps deps, CancellationToken ct) =>
            HandleAsync(id, "complete", request?.Note, deps, ct)).WithName("CompleteChange");
        group.MapPost("/{id:guid}/fail", (Guid id, ChangeOutcomeRequest? request, [AsParameters] ChangeStepDeps deps, CancellationToken ct) =>
            HandleAsync(id, "fail", request?.Note, deps, ct)).WithName("FailChange");
        group.MapPost("/{id:guid}/roll-back", (Guid id, ChangeOutcomeRequest? request, [AsParameters] ChangeStepDeps deps, CancellationToken ct) =>
            HandleAsync(id, "roll-back", request?.Note, deps, ct)).WithName("RollBackChange");
    }

    internal static async Task<Results<Ok<ChangeDto>, NotFound, Conflict<ProblemDetails>, ProblemHttpResult>> HandleAsync(
        Guid id, string step, string? note, ChangeStepDeps deps, CancellationToken ct)
    {
        var change = await ChangeSteps.LoadAsync(deps.Db, id, ct);
        if (change is null)
        {
            return TypedResults.NotFound();
        }
        var check = await deps.Gate.CheckAsync(change.ClientOrganisationId, RaciActivities.ChangeRequestTracking, RaciDuty.Perform, change.ContractId);
        if (!check.Allowed)
        {
            return check.ToProblem();
        }
        var (from, to) = step switch
        {
            "start" => (ChangeStatus.Scheduled, ChangeStatus.InProgress),
            "complete" => (ChangeStatus.InProgress, ChangeStatus.Completed),
            "fail" => (ChangeStatus.InProgress, ChangeStatus.Failed),
            _ => (ChangeStatus.InProgress, ChangeStatus.RolledBack),
        };
        if (change.Status != from)
        {
            return TypedResults.Conflict(ChangeSteps.Conflict(change, step));
        }
        var now = deps.Clock.GetUtcNow();
        change.Status = to;
        if (to == ChangeStatus.InProgress)
        {
            change.StartedAt = now;
        }
        else
        {
            change.FinishedAt = now;
            // A finished change no longer holds its slot.
            foreach (var target in change.Targets)
            {
                target.SlotStart = null;
                target.SlotEnd = null;
            }
            if (!string.IsNullOrWhiteSpace(note))
            {
                change.Contributions = [.. change.Contributions, new ChangeContribution(deps.Tenant.Party ?? Party.Provider, ChangeSteps.Who(deps.Tenant), now, $"{ChangeRequest.StateName(to)}: {note.Trim()}")];
            }
        }
        ChangeSteps.Touch(change, now);
        deps.Audit.ActivityKey = RaciActivities.ChangeRequestTracking;
        deps.Audit.Action = ChangeRequest.StateName(to);
        if (change.Type == ChangeType.Major && to != ChangeStatus.InProgress)
        {
            var row = await deps.Catalogue.FindAsync(change.ContractId, RaciActivities.MajorChangesCommunication, ct);
            foreach (var informed in row?.PartiesWith(RaciLetter.I) ?? [Party.Client])
            {
                await ChangeSteps.TellAsync(deps, change, informed, RaciActivities.MajorChangesCommunication, $"Major change {ChangeRequest.StateName(to)}",
                    $"The Major change ended at {now:u}: {ChangeRequest.StateName(to)}.{(string.IsNullOrWhiteSpace(note) ? "" : $" {note.Trim()}")}\n\n{row?.Citation}",
                    $"change.{ChangeRequest.StateName(to)}", ct);
            }
        }
        await deps.Db.SaveChangesAsync(ct);
        return TypedResults.Ok(ChangeDto.From(change, now, await ChangeSteps.AttachmentsAsync(deps.Db, id, ct)));
    }
}
