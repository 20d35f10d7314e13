using System.CommandLine;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Clusters;

/// <summary><c>iamops clusters show ID</c>: one cluster with its nodes and database.</summary>
public static class ShowClusterCommand
{
    public static Command Create(CliContext context)
    {
        var id = CommonOptions.Id("The cluster's id (see `iamops clusters list`).");
        var command = new Command("show", "Show one cluster: version, region, nodes and PostgreSQL database.") { id };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var clusterId = run.Value(id);
            var cluster = await api.GetAsync($"api/v1/clusters/{clusterId}", ct,
                notFound: $"Cluster {clusterId} does not exist or is not visible to you.");
            var organisation = run.IsJson ? null : await OrganisationLookup.NamesAsync(api, ct);
            return run.Show(cluster, c => Tables.Details(
                ("Id", c.Text("id")),
                ("Name", c.Text("name")),
                ("Client", $"{organisation!(c.Text("clientOrganisationId"))} ({c.Text("clientOrganisationId")})"),
                ("Environment", c.Text("environment")),
                ("Keycloak", c.Text("keycloakVersion")),
                ("Region", c.Text("hostingRegion")),
                ("PostgreSQL", $"{c.Text("postgresInstance")} / {c.Text("postgresDatabase")}"),
                ("Nodes", string.Join(Environment.NewLine, c?["nodes"].Items().Select(n =>
                    $"{n.Text("host")} (http {n.Text("httpPort")}, management {n.Text("managementPort")})") ?? [])),
                ("Created", c.When("createdAt"))));
        });
        return command;
    }
}
