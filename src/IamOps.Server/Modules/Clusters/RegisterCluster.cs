using System.ComponentModel.DataAnnotations;
using IamOps.Server.Data;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Clusters;

public sealed record RegisterClusterRequest(
    [property: Required] Guid ClientOrganisationId,
    [property: Required, MinLength(1), MaxLength(100)] string Name,
    [property: Required] ClusterEnvironment Environment,
    [property: Required, MaxLength(32)] string KeycloakVersion,
    [property: Required, MaxLength(100)] string HostingRegion,
    [property: Required, MaxLength(200)] string PostgresInstance,
    [property: Required, MaxLength(100)] string PostgresDatabase,
    [property: Required, MinLength(1), MaxLength(32)] List<ClusterNodeDto> Nodes);

/// <summary>The provider registers a client's Keycloak cluster.</summary>
internal static class RegisterCluster
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/", HandleAsync).WithName(nameof(RegisterCluster));

    private static async Task<Results<Created<ClusterDto>, NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails>, Conflict<Microsoft.AspNetCore.Mvc.ProblemDetails>>> HandleAsync(
        RegisterClusterRequest request, IamOpsDb db, TimeProvider clock, IOutputCacheStore cache, CancellationToken ct)
    {
        if (!await db.Organisations.AnyAsync(o => o.Id == request.ClientOrganisationId && o.Kind == Party.Client, ct))
        {
            return TypedResults.NotFound(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = 404, Title = "Unknown client", Detail = "The client organisation does not exist: list them with GET /api/v1/organisations.",
            });
        }
        if (await db.Set<Cluster>().AnyAsync(c => c.ClientOrganisationId == request.ClientOrganisationId && c.Name == request.Name, ct))
        {
            return TypedResults.Conflict(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = 409, Title = "Duplicate cluster name", Detail = $"This client already has a cluster named '{request.Name}'.",
            });
        }

        var cluster = new Cluster
        {
            ClientOrganisationId = request.ClientOrganisationId,
            Name = request.Name.Trim(),
            Environment = request.Environment,
            KeycloakVersion = request.KeycloakVersion,
            HostingRegion = request.HostingRegion,
            PostgresInstance = request.PostgresInstance,
            PostgresDatabase = request.PostgresDatabase,
            Nodes = request.Nodes.Select(n => new ClusterNode { Host = n.Host, HttpPort = n.HttpPort, ManagementPort = n.ManagementPort }).ToList(),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(cluster);
        await db.SaveChangesAsync(ct);
        await cache.EvictByTagAsync(ClustersModule.CacheTag, ct);
        return TypedResults.Created($"/api/v1/clusters/{cluster.Id}", ClusterDto.From(cluster));
    }
}

public sealed record UpdateClusterRequest(
    [property: Required, MaxLength(32)] string KeycloakVersion,
    [property: Required, MaxLength(100)] string HostingRegion,
    [property: Required, MinLength(1), MaxLength(32)] List<ClusterNodeDto> Nodes);

/// <summary>The provider updates a cluster's version, region and nodes.</summary>
internal static class UpdateCluster
{
    public static void Map(RouteGroupBuilder group) => group.MapPut("/{id:guid}", HandleAsync).WithName(nameof(UpdateCluster));

    private static async Task<Results<Ok<ClusterDto>, NotFound>> HandleAsync(
        Guid id, UpdateClusterRequest request, IamOpsDb db, IOutputCacheStore cache, CancellationToken ct)
    {
        var cluster = await db.Set<Cluster>().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (cluster is null)
        {
            return TypedResults.NotFound();
        }
        cluster.KeycloakVersion = request.KeycloakVersion;
        cluster.HostingRegion = request.HostingRegion;
        cluster.Nodes = request.Nodes.Select(n => new ClusterNode { Host = n.Host, HttpPort = n.HttpPort, ManagementPort = n.ManagementPort }).ToList();
        await db.SaveChangesAsync(ct);
        await cache.EvictByTagAsync(ClustersModule.CacheTag, ct);
        return TypedResults.Ok(ClusterDto.From(cluster));
    }
}

/// <summary>The provider removes a cluster it no longer runs.</summary>
internal static class RemoveCluster
{
    public static void Map(RouteGroupBuilder group) => group.MapDelete("/{id:guid}", HandleAsync).WithName(nameof(RemoveCluster));

    private static async Task<Results<NoContent, NotFound>> HandleAsync(Guid id, IamOpsDb db, IOutputCacheStore cache, CancellationToken ct)
    {
        var cluster = await db.Set<Cluster>().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (cluster is null)
        {
            return TypedResults.NotFound();
        }
        db.Remove(cluster);
        await db.SaveChangesAsync(ct);
        await cache.EvictByTagAsync(ClustersModule.CacheTag, ct);
        return TypedResults.NoContent();
    }
}
