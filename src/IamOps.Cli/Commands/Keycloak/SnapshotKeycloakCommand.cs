using System.CommandLine;
using System.Text.Json.Nodes;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Keycloak;

/// <summary><c>iamops keycloak snapshot CLUSTER [--realm R]</c>: read a cluster's realm configuration now.</summary>
public static class SnapshotKeycloakCommand
{
    public static Command Create(CliContext context)
    {
        var cluster = CommonOptions.Id("The cluster's id (see `iamops clusters list`).");
        var realm = new Option<string?>("--realm") { Description = "Only this realm (default: every realm the admin account sees)." };
        var command = new Command("snapshot", "Snapshot a cluster's Keycloak configuration now (secrets masked); shows new versions, drift and failures.")
        {
            cluster, realm,
        };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var id = run.Value(cluster);
            var result = await api.PostAsync($"api/v1/clusters/{id}/configuration/snapshots", new JsonObject { ["realm"] = run.Value(realm) }, ct,
                notFound: $"Cluster {id} does not exist or is not visible to you.");
            return run.Show(result, r => r.Items("outcomes").Aggregate(Tables.Create("Realm", "Status", "Version", "Detail"), (table, o) => table.Row(
                o.Text("realm"), o?["snapshot"].Text("status"), o?["snapshot"].Text("version"),
                o?["snapshot"].Text("status") == "Failed" ? o?["snapshot"].Text("error")
                    : o?["drift"] is JsonObject drift ? $"drift: {drift.Text("changeCount")} change(s) without an approved change request"
                    : o?["snapshot"].Text("approvedChanges") is { Length: > 0 } approved ? $"covered by {approved}" : "")));
        });
        return command;
    }
}
