using System.ComponentModel.DataAnnotations;

namespace IamOps.Server.Modules.Clusters;

public sealed record ClusterNodeDto(
    [property: Required, MinLength(1), MaxLength(253)] string Host,
    [property: Range(1, 65535)] int HttpPort,
    [property: Range(1, 65535)] int ManagementPort);

public sealed record ClusterDto(
    Guid Id, Guid ClientOrganisationId, string Name, ClusterEnvironment Environment, string KeycloakVersion,
    string HostingRegion, string PostgresInstance, string PostgresDatabase, IReadOnlyList<ClusterNodeDto> Nodes, DateTimeOffset CreatedAt)
{
    public static ClusterDto From(Cluster c) => new(c.Id, c.ClientOrganisationId, c.Name, c.Environment, c.KeycloakVersion,
        c.HostingRegion, c.PostgresInstance, c.PostgresDatabase,
        c.Nodes.Select(n => new ClusterNodeDto(n.Host, n.HttpPort, n.ManagementPort)).ToList(), c.CreatedAt);
}

