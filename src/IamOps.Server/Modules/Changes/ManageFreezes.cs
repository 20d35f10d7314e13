using System.ComponentModel.DataAnnotations;
using IamOps.Server.Data;
using IamOps.Server.Modules.Clusters;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Changes;

public sealed record CreateFreezeRequest(
    [property: Required, MinLength(1), MaxLength(200)] string Name, DateTimeOffset Start, DateTimeOffset End,
    Guid? ClientOrganisationId = null, Guid? ClusterId = null);

public sealed record FreezeDto(Guid Id, Guid ClientOrganisationId, Guid? ClusterId, string Name, DateTimeOffset Start, DateTimeOffset End, string CreatedBy);

/// <summary>The client's freeze periods: no change may be scheduled over them (on one cluster, or all).</summary>
internal static class ManageFreezes
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/freezes", ListAsync).WithName("ListChangeFreezes");
        group.MapPost("/freezes", CreateAsync).WithName("CreateChangeFreeze");
        group.MapDelete("/freezes/{id:guid}", DeleteAsync).WithName("DeleteChangeFreeze");
    }

    internal static async Task<Ok<List<FreezeDto>>> ListAsync(IamOpsDb db, Guid? clientOrganisationId, CancellationToken ct)
    {
        var query = db.Set<ChangeFreeze>().AsNoTracking();
        if (clientOrganisationId is { } c)
        {
            query = query.Where(f => f.ClientOrganisationId == c);
        }
        var rows = await query.OrderBy(f => f.Start).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(From).ToList());
    }

    internal static async Task<Results<Created<FreezeDto>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> CreateAsync(
        CreateFreezeRequest request, IamOpsDb db, TenantContext tenant, CancellationToken ct)
    {
        if (tenant.Party == Party.Client && tenant.Role == Roles.ClientViewer)
        {
            return TypedResults.Problem(WorkflowProblems.Forbidden("The viewer role is read-only; ask an admin or contact of your organisation to declare a freeze."));
        }
        if (request.End <= request.Start)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["end"] = ["The freeze must end after it starts."] });
        }
        var client = await ClientOf.ResolveAsync(db, tenant, request.ClientOrganisationId, ct);
        if (client.Problem is not null)
        {
            return client.Problem.Status == 404 ? TypedResults.NotFound(client.Problem) : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["clientOrganisationId"] = [client.Problem.Detail!] });
        }
        if (request.ClusterId is { } cluster && !await db.Set<Cluster>().AnyAsync(c => c.Id == cluster && c.ClientOrganisationId == client.Id, ct))
        {
            return TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Unknown cluster", Detail = $"Cluster {cluster} does not exist or is not the client's." });
        }
        var freeze = new ChangeFreeze
        {
            ClientOrganisationId = client.Id, ClusterId = request.ClusterId, Name = request.Name.Trim(), Start = request.Start.ToUniversalTime(), End = request.End.ToUniversalTime(),
            CreatedBy = tenant.UserEmail ?? "system",
        };
        db.Add(freeze);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/changes/freezes/{freeze.Id}", From(freeze));
    }

    internal static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(Guid id, IamOpsDb db, TenantContext tenant, CancellationToken ct)
    {
        var freeze = await db.Set<ChangeFreeze>().SingleOrDefaultAsync(f => f.Id == id, ct);
        if (freeze is null)
        {
            return TypedResults.NotFound();
        }
        if (tenant.Party == Party.Client && tenant.Role == Roles.ClientViewer)
        {
            return TypedResults.Problem(WorkflowProblems.Forbidden("The viewer role is read-only."));
        }
        db.Remove(freeze);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static FreezeDto From(ChangeFreeze f) => new(f.Id, f.ClientOrganisationId, f.ClusterId, f.Name, f.Start, f.End, f.CreatedBy);
}

/// <summary>The client a request is about: the caller's own organisation, or for the provider the one it names.</summary>
internal static class ClientOf
{
    public sealed record Resolved(Guid Id, ProblemDetails? Problem);

    public static async Task<Resolved> ResolveAsync(IamOpsDb db, TenantContext tenant, Guid? named, CancellationToken ct)
    {
        var client = tenant.IsProvider ? named : named ?? tenant.OrganisationId;
        if (client is null)
        {
            return new Resolved(Guid.Empty, new ProblemDetails { Status = 400, Detail = "The provider must name the client organisation." });
        }
        if (!await db.Organisations.AnyAsync(o => o.Id == client && o.Kind == Party.Client, ct))
        {
            return new Resolved(Guid.Empty, new ProblemDetails { Status = 404, Title = "Unknown client", Detail = $"Client organisation {client} does not exist or is not yours." });
        }
        return new Resolved(client.Value, null);
    }
}
