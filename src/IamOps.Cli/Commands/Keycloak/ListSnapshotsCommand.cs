using System.CommandLine;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Keycloak;

/// <summary><c>iamops keycloak snapshots CLUSTER [--realm R]</c>: the snapshot history, newest first.</summary>
public static class ListSnapshotsCommand
{
    public static Command Create(CliContext context)
    {
        var cluster = CommonOptions.Id("The cluster's id (see `iamops clusters list`).");
        var realm = new Option<string?>("--realm") { Description = "Only this realm." };
        var command = new Command("snapshots", "List a cluster's configuration snapshots, newest first.") { cluster, realm };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var id = run.Value(cluster);
            var query = run.Value(realm) is { Length: > 0 } r ? $"?realm={Uri.EscapeDataString(r)}&pageSize=200" : "?pageSize=200";
            var page = await api.GetAsync($"api/v1/clusters/{id}/configuration/snapshots{query}", ct,
                notFound: $"Cluster {id} does not exist or is not visible to you.");
            return run.Show(page, p => p.Items().Aggregate(Tables.Create("Id", "Realm", "Version", "Status", "Taken", "Changes"), (table, s) => table.Row(
                s.Text("id"), s.Text("realm"), s.Text("version"), s.Text("status"), s.When("takenAt"),
                s.Text("status") == "Failed" ? s.Text("error") : s.Text("changeCount"))).PageCaption(p, "snapshots"));
        });
        return command;
    }
}
