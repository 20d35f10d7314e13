using System.ComponentModel.DataAnnotations;
using IamOps.Server.Data;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.QuoteRequests;

/// <summary>A client asks for a quote; the provider names the client (a client always asks for itself).</summary>
public sealed record CreateQuoteRequestRequest(
    Guid? ClientOrganisationId,
    [property: Required, MinLength(1), MaxLength(200)] string Title,
    [property: Required, MinLength(1), MaxLength(4000)] string Description);

internal static class CreateQuoteRequest
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/", HandleAsync).WithName(nameof(CreateQuoteRequest));

    internal static async Task<Results<Created<QuoteRequestDto>, NotFound<ProblemDetails>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        CreateQuoteRequestRequest request, IamOpsDb db, TenantContext tenant, QuoteRequestDesk desk, CancellationToken ct)
    {
        if (tenant.Party == Party.Client && tenant.Role == Roles.ClientViewer)
        {
            return TypedResults.Problem(WorkflowProblems.Forbidden("The viewer role is read-only; ask an admin or contact of your organisation to request a quote."));
        }
        var client = tenant.IsProvider ? request.ClientOrganisationId : request.ClientOrganisationId ?? tenant.OrganisationId;
        if (client is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["clientOrganisationId"] = ["The provider must name the client organisation the quote is for."],
            });
        }
        if (!await db.Organisations.AnyAsync(o => o.Id == client && o.Kind == Party.Client, ct))
        {
            return TypedResults.NotFound(new ProblemDetails
            {
                Status = 404, Title = "Unknown client", Detail = $"Client organisation {client} does not exist or is not yours.",
            });
        }

        var quote = await desk.OpenAsync(client.Value, request.Title, request.Description, null, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created(QuoteRequestsModule.Location(quote.Id), QuoteRequestDto.From(quote));
    }
}
