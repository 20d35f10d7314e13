using IamOps.Server.Data;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Incidents;

/// <summary>Pages through the incidents the caller may see, newest first, filtered by status, severity, cluster and client.</summary>
internal static class ListIncidents
{
    public const int MaxPageSize = 200;

    public static void Map(RouteGroupBuilder group) => group.MapGet("/", HandleAsync).WithName(nameof(ListIncidents));

    internal static async Task<Results<Ok<Page<IncidentDto>>, ValidationProblem>> HandleAsync(
        IamOpsDb db, TimeProvider clock, SlaCalendars calendars, string? status, string? severity, Guid? clusterId, Guid? clientOrganisationId,
        bool? open, int? page, int? pageSize, CancellationToken ct)
    {
        var p = page ?? 1;
        var size = pageSize ?? 50;
        var errors = new Dictionary<string, string[]>();
        if (p < 1 || size is < 1 or > MaxPageSize)
        {
            errors[p < 1 ? "page" : "pageSize"] = [$"page starts at 1; pageSize is between 1 and {MaxPageSize}."];
        }
        if (!EnumQuery.TryParse<IncidentStatus>(status, out var wantedStatus))
        {
            errors["status"] = [$"Unknown status '{status}'; use one of {EnumQuery.Names<IncidentStatus>()}."];
        }
        if (!EnumQuery.TryParse<IncidentSeverity>(severity, out var wantedSeverity))
        {
            errors["severity"] = [$"Unknown severity '{severity}'; use one of {EnumQuery.Names<IncidentSeverity>()}."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var query = db.Set<Incident>().AsNoTracking();
        if (wantedStatus is { } s)
        {
            query = query.Where(i => i.Status == s);
        }
        if (open == true)
        {
            query = query.Where(i => i.Status != IncidentStatus.Resolved && i.Status != IncidentStatus.Closed);
        }
        if (wantedSeverity is { } sev)
        {
            query = query.Where(i => i.Severity == sev);
        }
        if (clientOrganisationId is { } client)
        {
            query = query.Where(i => i.ClientOrganisationId == client);
        }
        if (clusterId is { } cluster)
        {
            query = query.Where(i => i.ClusterIds.Contains(cluster));
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(i => i.OpenedAt).ThenByDescending(i => i.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var dtos = new List<IncidentDto>(items.Count);
        foreach (var incident in items)
        {
            dtos.Add(IncidentDto.From(incident, now, await calendars.ForAsync(incident, ct)));
        }
        return TypedResults.Ok(new Page<IncidentDto>(dtos, p, size, total));
    }
}

/// <summary>One incident with its timeline and attachments; another client's answers 404.</summary>
internal static class GetIncident
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/{id:guid}", HandleAsync).WithName(nameof(GetIncident));

    internal static async Task<Results<Ok<IncidentDto>, NotFound>> HandleAsync(Guid id, IamOpsDb db, TimeProvider clock, SlaCalendars calendars, CancellationToken ct)
    {
        var incident = await db.Set<Incident>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (incident is null)
        {
            return TypedResults.NotFound();
        }
        var timeline = await db.Set<IncidentEvent>().AsNoTracking().Where(e => e.IncidentId == id).ToListAsync(ct);
        // The content stays in the database: the list shows what the download route serves.
        var attachments = await db.Set<IncidentAttachment>().AsNoTracking().Where(a => a.IncidentId == id)
            .Select(a => new IncidentAttachment
            {
                Id = a.Id, IncidentId = a.IncidentId, ClientOrganisationId = a.ClientOrganisationId, FileName = a.FileName, ContentType = a.ContentType,
                Size = a.Size, Sha256 = a.Sha256, Content = Array.Empty<byte>(), UploadedBy = a.UploadedBy, UploadedAt = a.UploadedAt,
            }).ToListAsync(ct);
        return TypedResults.Ok(IncidentDto.From(incident, clock.GetUtcNow(), await calendars.ForAsync(incident, ct), timeline, attachments));
    }
}
