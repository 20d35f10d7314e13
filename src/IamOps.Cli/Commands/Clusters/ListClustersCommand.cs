using System.CommandLine;
using System.Globalization;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Clusters;

/// <summary><c>iamops clusters list</c>: one page of clusters, optionally of one client.</summary>
public static class ListClustersCommand
{
    public const int MaxPageSize = 200;

    public static Command Create(CliContext context)
    {
        var client = CommonOptions.Organisation("--client", "Only the clusters of this client organisation.");
        var page = CommonOptions.Page();
        var pageSize = CommonOptions.PageSize(MaxPageSize);
        var command = new Command("list", "List the clusters you may see, by name, one page at a time.") { client, page, pageSize };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var clientId = await OrganisationLookup.ResolveAsync(api, run.Value(client), ct);
            var query = string.Create(CultureInfo.InvariantCulture, $"api/v1/clusters?page={run.Value(page)}&pageSize={run.Value(pageSize)}")
                + (clientId is { } id ? $"&clientId={id}" : "");
            var result = await api.GetAsync(query, ct);
            var organisation = run.IsJson ? null : await OrganisationLookup.NamesAsync(api, ct);
            return run.Show(result, r =>
            {
                var table = Tables.Create("Name", "Client", "Environment", "Keycloak", "Nodes", "Id");
                foreach (var c in r.Items())
                {
                    table.Row(c.Text("name"), organisation!(c.Text("clientOrganisationId")), c.Text("environment"), c.Text("keycloakVersion"),
                        c?["nodes"].Items().Count.ToString(CultureInfo.InvariantCulture), c.Text("id"));
                }
                return table.PageCaption(r, "clusters");
            });
        });
        return command;
    }
}
