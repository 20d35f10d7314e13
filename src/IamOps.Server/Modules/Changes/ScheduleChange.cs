using IamOps.Server.Modules.Incidents;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IamOps.Server.Modules.Changes;

public sealed record ScheduleChangeRequest(DateTimeOffset Start, DateTimeOffset End, IncidentSeverity? IncidentSeverity = null);

/// <summary>
/// Places an approved change in time by the contract's rules (422 naming the rule and the next valid slot). An urgent
/// minor change without shutdown is exempt from working hours. An urgent change that is not Major, agreed by both
/// parties, may run outside working hours or windows: it is then handled as an incident, opened in the same unit of work.
/// </summary>
internal static class ScheduleChange
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/{id:guid}/schedule", HandleAsync).WithName(nameof(ScheduleChange));

    internal static async Task<Results<Ok<ChangeDto>, NotFound, Conflict<ProblemDetails>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, ScheduleChangeRequest request, [AsParameters] ChangeStepDeps deps, ChangeScheduler scheduler, IIncidentOpener incidents, CancellationToken ct)
    {
        var change = await ChangeSteps.LoadAsync(deps.Db, id, ct);
        if (change is null)
        {
            return TypedResults.NotFound();
        }
        var check = await deps.Gate.CheckAsync(change.ClientOrganisationId, RaciActivities.MaintenancePlanning, RaciDuty.Perform, change.ContractId);
        if (!check.Allowed)
        {
            return check.ToProblem();
        }
        if (request.End <= request.Start)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["end"] = [$"The end ({request.End:u}) must be after the start ({request.Start:u})."],
            });
        }
        if (change.Status is not (ChangeStatus.Approved or ChangeStatus.Scheduled))
        {
            return TypedResults.Conflict(ChangeSteps.Conflict(change, "schedule", change.Status == ChangeStatus.InReview ? "it is not approved yet" : null));
        }
        var now = deps.Clock.GetUtcNow();
        var clusters = change.Targets.Select(t => t.ClusterId).Distinct().ToList();
        var urgentMinorExempt = change.Urgent && change.Type == ChangeType.Minor && !change.RequiresShutdown;
        var query = new SlotQuery(change.ClientOrganisationId, clusters, request.Start, request.End, change.RequiresShutdown,
            IgnoreAllowedTimes: urgentMinorExempt, ExcludeChangeId: change.Id);
        if (request.Start < now)
        {
            var fromNow = await scheduler.CheckAsync(query with { Start = now, End = now + (request.End - request.Start) }, ct);
            return Refused(change, "in-the-past", $"The start {request.Start:u} is in the past (now {now:u})",
                fromNow.Allowed ? new SlotVerdict(null, null, now, now + (request.End - request.Start), fromNow.TimeZone) : fromNow);
        }
        var verdict = await scheduler.CheckAsync(query, ct);
        var handledAsIncident = false;
        if (!verdict.Allowed && verdict.Rule is "working-hours" or "maintenance-window" && change.Urgent && change.Type != ChangeType.Major)
        {
            var agreed = change.Approvals.Any(a => a.Party == Party.Provider) && change.Approvals.Any(a => a.Party == Party.Client);
            if (!agreed)
            {
                return Refused(change, verdict.Rule!, verdict.Reason + "; an urgent exceptional change outside this range needs the agreement of both parties "
                    + "(both approvals recorded), and is then handled as an incident", verdict);
            }
            var exceptional = await scheduler.CheckAsync(query with { IgnoreAllowedTimes = true }, ct);
            if (!exceptional.Allowed)
            {
                return Refused(change, exceptional.Rule!, exceptional.Reason!, exceptional);
            }
            handledAsIncident = true;
        }
        else if (!verdict.Allowed)
        {
            return Refused(change, verdict.Rule!, verdict.Reason!, verdict);
        }

        // Stored in UTC: SQLite compares the stored form, which must not depend on the offset the caller wrote.
        change.PlannedStart = request.Start.ToUniversalTime();
        change.PlannedEnd = request.End.ToUniversalTime();
        foreach (var target in change.Targets)
        {
            target.SlotStart = change.PlannedStart;
            target.SlotEnd = change.PlannedEnd;
        }
        var rescheduled = change.Status == ChangeStatus.Scheduled;
        change.Status = ChangeStatus.Scheduled;
        change.ScheduledAt = now;
        ChangeSteps.Touch(change, now);
        deps.Audit.ActivityKey = RaciActivities.MaintenancePlanning;
        deps.Audit.Action = rescheduled ? "rescheduled" : "scheduled";

        if (handledAsIncident && change.IncidentId is null)
        {
            var incident = await incidents.OpenAsync(new OpenIncident(change.ClientOrganisationId,
                $"Urgent change outside working hours: {change.Title}",
                $"Urgent {change.Type} change agreed by both parties, run {request.Start:u}–{request.End:u} and handled as an incident.\n\n{change.Description}",
                request.IncidentSeverity ?? (change.Type == ChangeType.Medium ? IncidentSeverity.P2 : IncidentSeverity.P3),
                IncidentSource.UrgentChange, clusters, Links: [new IncidentLink(IncidentLinkKind.ChangeRequest, change.Id.ToString())]), ct);
            change.IncidentId = incident.Id;
        }
        if (change.Type == ChangeType.Major)
        {
            var row = await deps.Catalogue.FindAsync(change.ContractId, RaciActivities.MajorChangesCommunication, ct);
            foreach (var informed in row?.PartiesWith(RaciLetter.I) ?? [Party.Client])
            {
                await ChangeSteps.TellAsync(deps, change, informed, RaciActivities.MajorChangesCommunication,
                    rescheduled ? "Major change rescheduled" : "Major change scheduled",
                    $"This Major change will run from {request.Start:u} to {request.End:u}{(change.RequiresShutdown ? ", with production shutdown" : "")}.\n\n{row?.Citation}",
                    "change.scheduled", ct);
            }
        }
        await deps.Db.SaveChangesAsync(ct);
        return TypedResults.Ok(ChangeDto.From(change, now, await ChangeSteps.AttachmentsAsync(deps.Db, id, ct)));
    }

    private static ProblemHttpResult Refused(ChangeRequest change, string rule, string reason, SlotVerdict verdict)
    {
        var next = verdict.NextStart is { } s
            ? $" Next valid slot: {s:u} – {verdict.NextEnd:u} (times in UTC; the rules use {verdict.TimeZone} civil time, CET/CEST)."
            : " No valid slot of this length was found within a year: shorten the change or ask for a one-off maintenance window.";
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The change may not run then",
            Detail = $"{reason}.{next}",
        };
        problem.Extensions["rule"] = rule;
        problem.Extensions["changeId"] = change.Id;
        problem.Extensions["timeZone"] = verdict.TimeZone;
        problem.Extensions["nextValidSlot"] = verdict.NextStart is null ? null : new { start = verdict.NextStart, end = verdict.NextEnd };
        return TypedResults.Problem(problem);
    }
}
