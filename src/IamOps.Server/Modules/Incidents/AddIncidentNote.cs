using System.ComponentModel.DataAnnotations;
using IamOps.Server.Modules.Notifications;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Incidents;

public sealed record AddNoteRequest([property: Required, MinLength(1), MaxLength(8000)] string Text);

/// <summary>Adds a note to the timeline: provider staff, or the client's admins and contacts (who help resolve: S).</summary>
internal static class AddIncidentNote
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/{id:guid}/notes", HandleAsync).WithName(nameof(AddIncidentNote));

    internal static async Task<Results<Created<IncidentEventDto>, NotFound, Conflict<ProblemDetails>, ProblemHttpResult>> HandleAsync(
        Guid id, AddNoteRequest request, [AsParameters] IncidentDeps deps, CancellationToken ct)
    {
        var incident = await deps.Db.Set<Incident>().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (incident is null)
        {
            return TypedResults.NotFound();
        }
        if (deps.Tenant.Party == Party.Client && deps.Tenant.Role == Roles.ClientViewer)
        {
            return TypedResults.Problem(WorkflowProblems.Forbidden("The viewer role is read-only; ask an admin or contact of your organisation to comment on the incident."));
        }
        if (incident.Status == IncidentStatus.Closed)
        {
            return TypedResults.Conflict(IncidentWorkflow.Conflict(incident, "note"));
        }
        var now = deps.Clock.GetUtcNow();
        var party = deps.Tenant.Party ?? Party.Provider;
        var actor = deps.Tenant.UserEmail ?? "system";
        var note = IncidentTimeline.Add(deps.Db, incident, IncidentEventKinds.Note, actor, party, now, request.Text.Trim());
        incident.UpdatedAt = now;
        incident.Version++;
        var other = party == Party.Provider ? Party.Client : Party.Provider;
        await deps.Notifier.NotifyAsync(new NotificationMessage(incident.ClientOrganisationId, other, RaciActivities.IncidentManagement,
            $"New note on incident: {incident.Title}", $"{actor} wrote:\n\n{note.Text}", IncidentsModule.Location(incident.Id), "incident.note-added"), ct);
        await deps.Db.SaveChangesAsync(ct);
        return TypedResults.Created($"{IncidentsModule.Location(incident.Id)}#event-{note.Id}",
            new IncidentEventDto(note.Id, note.At, note.Kind, note.Actor, note.ActorParty, note.Text));
    }
}
