using Microsoft.AspNetCore.Http.HttpResults;

namespace IamOps.Server.Modules.Raci;

/// <summary>The activities of a contract (a client sees only its own), or of the default catalogue without contractId.</summary>
internal static class ListRaciActivities
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/activities", HandleAsync).WithName(nameof(ListRaciActivities));

    private static async Task<Results<Ok<List<RaciActivityDto>>, NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails>>> HandleAsync(
        Guid? contractId, RaciCatalogue catalogue, CancellationToken ct)
    {
        var activities = contractId is { } id ? await catalogue.ActivitiesAsync(id, ct) : RaciCatalogue.Default;
        if (activities is null)
        {
            return TypedResults.NotFound(ContractNotFound(contractId!.Value));
        }
        return TypedResults.Ok(activities.Select(RaciActivityDto.From).ToList());
    }

    internal static Microsoft.AspNetCore.Mvc.ProblemDetails ContractNotFound(Guid id) => new()
    {
        Status = 404,
        Title = "Unknown contract",
        Detail = $"Contract {id} does not exist or is not yours; list your contracts with GET /api/v1/contracts.",
    };
}

/// <summary>A contract's RACI matrix, sections and tables in seed order, cells as the seed writes them.</summary>
internal static class GetRaciMatrix
{
    public static void Map(RouteGroupBuilder contracts) => contracts.MapGet("/{id:guid}/raci", HandleAsync).WithName(nameof(GetRaciMatrix));

    private static async Task<Results<Ok<RaciMatrixDto>, NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails>>> HandleAsync(
        Guid id, RaciCatalogue catalogue, CancellationToken ct)
    {
        var activities = await catalogue.ActivitiesAsync(id, ct);
        return activities is null
            ? TypedResults.NotFound(ListRaciActivities.ContractNotFound(id))
            : TypedResults.Ok(RaciMatrixDto.From(id, activities));
    }
}
