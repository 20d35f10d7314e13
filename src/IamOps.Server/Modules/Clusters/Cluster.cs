using IamOps.Server.Modules.Platform;

namespace IamOps.Server.Modules.Clusters;

/// <summary>A Keycloak cluster run for a client: Keycloak nodes and their PostgreSQL database.</summary>
public sealed class Cluster : ITenantOwned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientOrganisationId { get; set; }

    public required string Name { get; set; }

    public ClusterEnvironment Environment { get; set; }

    public required string KeycloakVersion { get; set; }

    public required string HostingRegion { get; set; }

    public required string PostgresInstance { get; set; }

    public required string PostgresDatabase { get; set; }

    public List<ClusterNode> Nodes { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}

public enum ClusterEnvironment
{
    Production,
    Staging,
    Development,
}

/// <summary>One Keycloak node of a cluster.</summary>
public sealed class ClusterNode
{
    public required string Host { get; set; }

    public int HttpPort { get; set; } = 8080;

    public int ManagementPort { get; set; } = 9000;
}
