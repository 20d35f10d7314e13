using System.CommandLine;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Clusters;

/// <summary><c>iamops clusters</c>: the Keycloak clusters you may see.</summary>
public static class ClustersCommand
{
    public static Command Create(CliContext context) =>
        new("clusters", "Keycloak clusters: the provider sees all of them, a client only its own.")
        {
            ListClustersCommand.Create(context),
            ShowClusterCommand.Create(context),
        };
}
