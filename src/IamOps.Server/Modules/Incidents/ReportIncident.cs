using System.ComponentModel.DataAnnotations;
using IamOps.Server.Modules.AuditTrail;
using IamOps.Server.Modules.Clusters;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Incidents;

public sealed record IncidentLinkInput(IncidentLinkKind Kind, [property: Required, MinLength(1), MaxLength(200)] string Reference);

public sealed record ReportIncidentRequest(
    Guid? ClientOrganisationId,
    [property: Required, MinLength(1), MaxLength(300)] string Title,
    [property: MaxLength(8000)] string? Description,
    [property: Required] IncidentSeverity? Severity,
    IncidentSource? Source,
    [property: MaxLength(20)] List<Guid>? ClusterIds,
    bool UsersAffected,
    [property: MaxLength(20)] List<IncidentLinkInput>? Links);

/// <summary>Opens an incident: provider staff for any client (R), a client user for its own organisation, e.g. after
/// its own configuration action (client R on "Inform Cloud-IAM support of an incident triggered by a [CLIENT] action").</summary>
internal static class ReportIncident
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/", HandleAsync).WithName(nameof(ReportIncident));

    internal static async Task<Results<Created<IncidentDto>, NotFound<ProblemDetails>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        ReportIncidentRequest request, [AsParameters] IncidentDeps deps, IIncidentOpener opener, AuditScope audit, CancellationToken ct)
    {
        var tenant = deps.Tenant;
        var client = tenant.IsProvider ? request.ClientOrganisationId : tenant.OrganisationId;
        if (client is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["clientOrganisationId"] = ["The provider must name the client organisation the incident is for."],
            });
        }
        if (!tenant.IsProvider && request.ClientOrganisationId is { } named && named != client)
        {
            return NotFound($"Client organisation {named} does not exist or is not yours.");
        }
        if (!await deps.Db.Organisations.AnyAsync(o => o.Id == client && o.Kind == Party.Client, ct))
        {
            return NotFound($"Client organisation {client} does not exist or is not yours.");
        }
        var activity = tenant.IsProvider ? RaciActivities.IncidentManagement : RaciActivities.ClientConfigurationIncidentReport;
        var check = await deps.Gate.CheckAsync(client.Value, activity, RaciDuty.Perform);
        if (!check.Allowed)
        {
            return check.ToProblem();
        }
        var clusterIds = (request.ClusterIds ?? []).Distinct().ToList();
        var known = await deps.Db.Set<Cluster>().Where(c => clusterIds.Contains(c.Id) && c.ClientOrganisationId == client).Select(c => c.Id).ToListAsync(ct);
        if (clusterIds.Except(known).ToList() is { Count: > 0 } unknown)
        {
            return NotFound($"Cluster(s) {string.Join(", ", unknown)} do not exist or are not the client's.");
        }

        audit.ActivityKey = activity;
        var incident = await opener.OpenAsync(new OpenIncident(client.Value, request.Title.Trim(),
            string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(), request.Severity!.Value,
            tenant.IsProvider ? request.Source ?? IncidentSource.Provider : IncidentSource.ClientReport,
            clusterIds, request.UsersAffected, [.. (request.Links ?? []).Select(l => new IncidentLink(l.Kind, l.Reference.Trim()))]), ct);
        await deps.Db.SaveChangesAsync(ct);
        var calendar = await deps.Calendars.ForAsync(incident, ct);
        return TypedResults.Created(IncidentsModule.Location(incident.Id), IncidentDto.From(incident, deps.Clock.GetUtcNow(), calendar));
    }

    private static NotFound<ProblemDetails> NotFound(string detail) =>
        TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Not found", Detail = detail });
}
