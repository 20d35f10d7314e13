using IamOps.Server.Data;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Interventions;

/// <summary>Pages through the interventions the caller may see, newest first.</summary>
internal static class ListInterventions
{
    public const int MaxPageSize = 200;

    public static void Map(RouteGroupBuilder group) => group.MapGet("/", HandleAsync).WithName(nameof(ListInterventions));

    internal static async Task<Results<Ok<Page<InterventionDto>>, ValidationProblem>> HandleAsync(
        IamOpsDb db, TimeProvider clock, string? status, Guid? clientOrganisationId, string? activityKey, int? page, int? pageSize,
        CancellationToken ct)
    {
        var p = page ?? 1;
        var size = pageSize ?? 50;
        if (p < 1 || size is < 1 or > MaxPageSize)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [p < 1 ? "page" : "pageSize"] = [$"page starts at 1; pageSize is between 1 and {MaxPageSize}."],
            });
        }
        if (!EnumQuery.TryParse<InterventionStatus>(status, out var wanted))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["status"] = [$"Unknown status '{status}'; use one of {EnumQuery.Names<InterventionStatus>()}."],
            });
        }
        var query = db.Set<Intervention>().AsNoTracking();
        if (wanted is { } s)
        {
            query = query.Where(i => i.Status == s);
        }
        if (clientOrganisationId is { } client)
        {
            query = query.Where(i => i.ClientOrganisationId == client);
        }
        if (!string.IsNullOrWhiteSpace(activityKey))
        {
            query = query.Where(i => i.ActivityKey == activityKey);
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
            .Skip((p - 1) * size).Take(size)
            .Include(i => i.Contributions).Include(i => i.Consultations).AsSplitQuery()
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new Page<InterventionDto>(items.Select(i => InterventionDto.From(i, now)).ToList(), p, size, total));
    }
}

/// <summary>One intervention with its contributions and consultations; another client's answers 404.</summary>
internal static class GetIntervention
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/{id:guid}", HandleAsync).WithName(nameof(GetIntervention));

    internal static async Task<Results<Ok<InterventionDto>, NotFound>> HandleAsync(Guid id, IamOpsDb db, TimeProvider clock, CancellationToken ct)
    {
        var intervention = await InterventionSteps.LoadAsync(db, id, ct);
        return intervention is null ? TypedResults.NotFound() : TypedResults.Ok(InterventionDto.From(intervention, clock.GetUtcNow()));
    }
}
