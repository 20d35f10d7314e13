using IamOps.Server.Data;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.QuoteRequests;

/// <summary>Pages through the quote requests the caller may see, newest first.</summary>
internal static class ListQuoteRequests
{
    public const int MaxPageSize = 200;

    public static void Map(RouteGroupBuilder group) => group.MapGet("/", HandleAsync).WithName(nameof(ListQuoteRequests));

    internal static async Task<Results<Ok<Page<QuoteRequestDto>>, ValidationProblem>> HandleAsync(
        IamOpsDb db, string? status, Guid? clientOrganisationId, int? page, int? pageSize, CancellationToken ct)
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
        if (!EnumQuery.TryParse<QuoteRequestStatus>(status, out var wanted))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["status"] = [$"Unknown status '{status}'; use one of {EnumQuery.Names<QuoteRequestStatus>()}."],
            });
        }
        var query = db.Set<QuoteRequest>().AsNoTracking();
        if (wanted is { } s)
        {
            query = query.Where(q => q.Status == s);
        }
        if (clientOrganisationId is { } client)
        {
            query = query.Where(q => q.ClientOrganisationId == client);
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(q => q.CreatedAt).ThenByDescending(q => q.Id)
            .Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Page<QuoteRequestDto>(items.Select(QuoteRequestDto.From).ToList(), p, size, total));
    }
}

/// <summary>One quote request; another client's answers 404.</summary>
internal static class GetQuoteRequest
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/{id:guid}", HandleAsync).WithName(nameof(GetQuoteRequest));

    internal static async Task<Results<Ok<QuoteRequestDto>, NotFound>> HandleAsync(Guid id, IamOpsDb db, CancellationToken ct)
    {
        var request = await db.Set<QuoteRequest>().AsNoTracking().SingleOrDefaultAsync(q => q.Id == id, ct);
        return request is null ? TypedResults.NotFound() : TypedResults.Ok(QuoteRequestDto.From(request));
    }
}
