namespace IamOps.Server.Modules.ResourceHistory;

/// <summary>The kinds of managed resource whose history is followed.</summary>
public enum ResourceKind
{
    Cluster,
    Node,
    Database,
    Realm,
}

/// <summary>A managed resource: a cluster, or a node (host), database (name) or realm (name) of a cluster.</summary>
public sealed record ResourceKey(Guid ClusterId, ResourceKind Kind, string? Name = null)
{
    public static ResourceKey ForCluster(Guid clusterId) => new(clusterId, ResourceKind.Cluster);
}

/// <summary>One event in a resource's history (a change, an incident, a configuration snapshot, a drift...).</summary>
public sealed record ResourceHistoryEntry(
    DateTimeOffset At,
    string Source,
    string Title,
    ResourceKey Resource,
    string? Link = null,
    string? Detail = null);

/// <summary>
/// A capability that contributes events to the history of managed resources. Implementations query through
/// <see cref="Data.IamOpsDb"/> so the tenancy filter applies; a cluster-level query also returns the events of the
/// cluster's nodes, databases and realms.
/// </summary>
public interface IResourceHistorySource
{
    Task<IReadOnlyList<ResourceHistoryEntry>> GetAsync(ResourceKey resource, DateTimeOffset? since, DateTimeOffset? until, CancellationToken ct);
}
