using System.ComponentModel.DataAnnotations;
using IamOps.Server.Data;
using IamOps.Server.Modules.Notifications;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IamOps.Server.Modules.Incidents;

public sealed record IncidentTransitionRequest([property: MaxLength(4000)] string? Note);

/// <summary>The services incident commands need; bound from DI with <c>[AsParameters]</c>.</summary>
internal sealed record IncidentDeps(
    IamOpsDb Db, TenantContext Tenant, RaciGate Gate, INotifier Notifier, TimeProvider Clock, SlaCalendars Calendars, IOptions<IncidentOptions> Options);

/// <summary>Moves an incident along its life cycle (provider staff, R); a move the state does not allow is a 409 listing the allowed ones.</summary>
internal static class TransitionIncident
{
    public static void Map(RouteGroupBuilder group)
    {
        foreach (var action in IncidentWorkflow.Actions)
        {
            group.MapPost($"/{{id:guid}}/{action}", (Guid id, IncidentTransitionRequest? request, [AsParameters] IncidentDeps deps, CancellationToken ct) =>
                HandleAsync(id, action, request?.Note, deps, ct)).WithName($"{Pascal(action)}Incident");
        }
    }

    internal static async Task<Results<Ok<IncidentDto>, NotFound, Conflict<ProblemDetails>, ProblemHttpResult>> HandleAsync(
        Guid id, string action, string? note, IncidentDeps deps, CancellationToken ct)
    {
        var incident = await deps.Db.Set<Incident>().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (incident is null)
        {
            return TypedResults.NotFound();
        }
        var check = await deps.Gate.CheckAsync(incident.ClientOrganisationId, RaciActivities.IncidentManagement, RaciDuty.Perform);
        if (!check.Allowed)
        {
            return check.ToProblem();
        }
        if (!IncidentWorkflow.Allowed(incident.Status).Contains(action))
        {
            return TypedResults.Conflict(IncidentWorkflow.Conflict(incident, action));
        }

        var now = deps.Clock.GetUtcNow();
        var actor = deps.Tenant.UserEmail ?? "system";
        var calendar = await deps.Calendars.ForAsync(incident, ct);
        var from = IncidentWorkflow.StateName(incident.Status);
        IncidentWorkflow.Apply(incident, action, now, calendar, deps.Options.Value.SlaWarningFraction, actor);
        var to = IncidentWorkflow.StateName(incident.Status);
        var text = $"{from} → {to}" + (string.IsNullOrWhiteSpace(note) ? "" : $": {note.Trim()}");
        IncidentTimeline.Add(deps.Db, incident, IncidentEventKinds.Status, actor, deps.Tenant.Party ?? Party.Provider, now, text);

        var eventType = action switch
        {
            IncidentWorkflow.Acknowledge => "incident.acknowledged",
            IncidentWorkflow.Resolve => "incident.resolved",
            IncidentWorkflow.Close => "incident.closed",
            IncidentWorkflow.Reopen => "incident.reopened",
            _ => "incident.status-changed",
        };
        await deps.Notifier.NotifyAsync(new NotificationMessage(incident.ClientOrganisationId, Party.Client, RaciActivities.IncidentManagement,
            $"Incident {to}: {incident.Title}", $"{actor}: {text}", IncidentsModule.Location(incident.Id), eventType), ct);

        await deps.Db.SaveChangesAsync(ct);
        return TypedResults.Ok(IncidentDto.From(incident, now, calendar));
    }

    private static string Pascal(string action) =>
        string.Concat(action.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
