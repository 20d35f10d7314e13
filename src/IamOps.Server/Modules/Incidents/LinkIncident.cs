using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Incidents;

/// <summary>Links an incident to an alert, a change request or a backup (provider staff).</summary>
internal static class LinkIncident
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/{id:guid}/links", HandleAsync).WithName(nameof(LinkIncident));

    internal static async Task<Results<Ok<IncidentDto>, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, IncidentLinkInput request, [AsParameters] IncidentDeps deps, CancellationToken ct)
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
        var now = deps.Clock.GetUtcNow();
        var link = new IncidentLink(request.Kind, request.Reference.Trim());
        if (!incident.Links.Contains(link))
        {
            // A new list, so EF sees the JSON column change.
            incident.Links = [.. incident.Links, link];
            incident.UpdatedAt = now;
            incident.Version++;
            IncidentTimeline.Add(deps.Db, incident, IncidentEventKinds.Link, deps.Tenant.UserEmail ?? "system", Party.Provider, now,
                $"Linked to {link.Kind} {link.Reference}.");
            await deps.Db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(IncidentDto.From(incident, now, await deps.Calendars.ForAsync(incident, ct)));
    }
}
