using System.ComponentModel.DataAnnotations;
using IamOps.Server.Modules.Notifications;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Incidents;

public sealed record AssignOwnerRequest([property: Required, EmailAddress, MaxLength(320)] string Owner);

/// <summary>Gives the incident an owner among the provider's staff.</summary>
internal static class AssignIncidentOwner
{
    public static void Map(RouteGroupBuilder group) => group.MapPut("/{id:guid}/owner", HandleAsync).WithName(nameof(AssignIncidentOwner));

    internal static async Task<Results<Ok<IncidentDto>, NotFound, ValidationProblem, Conflict<ProblemDetails>, ProblemHttpResult>> HandleAsync(
        Guid id, AssignOwnerRequest request, [AsParameters] IncidentDeps deps, CancellationToken ct)
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
        var email = request.Owner.Trim();
        var normalized = email.ToUpperInvariant();
        if (!await deps.Db.Users.AnyAsync(u => u.NormalizedEmail == normalized && u.Party == Party.Provider, ct))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["owner"] = [$"{email} is not a user of the provider; the owner must be provider staff."] });
        }
        if (incident.Status == IncidentStatus.Closed)
        {
            return TypedResults.Conflict(IncidentWorkflow.Conflict(incident, "assign-owner"));
        }
        var now = deps.Clock.GetUtcNow();
        var previous = incident.Owner;
        incident.Owner = email;
        incident.UpdatedAt = now;
        incident.Version++;
        var actor = deps.Tenant.UserEmail ?? "system";
        IncidentTimeline.Add(deps.Db, incident, IncidentEventKinds.Owner, actor, Party.Provider, now,
            previous is null ? $"Owner: {email}." : $"Owner: {previous} → {email}.");
        await deps.Notifier.NotifyAsync(new NotificationMessage(incident.ClientOrganisationId, Party.Provider, RaciActivities.IncidentManagement,
            $"Incident assigned to {email}: {incident.Title}", $"{actor} made {email} the owner.", IncidentsModule.Location(incident.Id),
            "incident.assigned", [email]), ct);
        await deps.Db.SaveChangesAsync(ct);
        return TypedResults.Ok(IncidentDto.From(incident, now, await deps.Calendars.ForAsync(incident, ct)));
    }
}
