using IamOps.Server.Data;
using IamOps.Server.Modules.Clusters;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.ResourceHistory;

public sealed record ResourceHistoryDto(Guid ClusterId, string Resource, IReadOnlyList<ResourceHistoryEntry> Entries);

/// <summary>The history of a managed resource: every registered source's events, newest first.</summary>
internal static class ResourceHistoryEndpoint
{
    public const int MaxEntries = 1000;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/clusters/{id:guid}/history", HandleAsync).WithTags("Resource history").RequireAuthorization().WithName("GetResourceHistory");

    internal static async Task<Results<Ok<ResourceHistoryDto>, NotFound, ValidationProblem>> HandleAsync(
        Guid id, string? resource, DateTimeOffset? since, DateTimeOffset? until, IamOpsDb db, IEnumerable<IResourceHistorySource> sources, CancellationToken ct)
    {
        if (!TryParse(id, resource, out var key))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["resource"] = [$"Unknown resource '{resource}'; use cluster, node:HOST, database:NAME or realm:NAME."],
            });
        }
        if (!await db.Set<Cluster>().AnyAsync(c => c.Id == id, ct))
        {
            return TypedResults.NotFound();
        }
        var entries = new List<ResourceHistoryEntry>();
        foreach (var source in sources)
        {
            entries.AddRange(await source.GetAsync(key, since, until, ct));
        }
        return TypedResults.Ok(new ResourceHistoryDto(id, Display(key),
            [.. entries.OrderByDescending(e => e.At).ThenBy(e => e.Source, StringComparer.Ordinal).Take(MaxEntries)]));
    }

    /// <summary><c>realm:master</c>, <c>database:keycloak</c>, <c>node:kc-1.internal</c>, or empty/<c>cluster</c>.</summary>
    public static bool TryParse(Guid clusterId, string? text, out ResourceKey key)
    {
        key = ResourceKey.ForCluster(clusterId);
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Equals("cluster", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        var parts = text.Split(':', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || parts[1].Length == 0 || parts[1].Length > 200
            || !Enum.TryParse<ResourceKind>(parts[0], ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || kind == ResourceKind.Cluster)
        {
            return false;
        }
        key = new ResourceKey(clusterId, kind, parts[1]);
        return true;
    }

    public static string Display(ResourceKey key) => key.Kind == ResourceKind.Cluster ? "cluster" : $"{key.Kind.ToString().ToLowerInvariant()}:{key.Name}";
}
