using System.CommandLine;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Keycloak;

/// <summary><c>iamops keycloak diff CLUSTER FROM TO</c>: what changed between two snapshots, by JSON path.</summary>
public static class DiffSnapshotsCommand
{
    public static Command Create(CliContext context)
    {
        var cluster = CommonOptions.Id("The cluster's id (see `iamops clusters list`).");
        var from = new Argument<Guid>("FROM") { Description = "The older snapshot's id (see `iamops keycloak snapshots`)." };
        var to = new Argument<Guid>("TO") { Description = "The newer snapshot's id." };
        var command = new Command("diff", "Show the changes between two snapshots: + added, - removed, ~ changed (old → new).") { cluster, from, to };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var id = run.Value(cluster);
            var diff = await api.GetAsync($"api/v1/clusters/{id}/configuration/diff?from={run.Value(from)}&to={run.Value(to)}", ct,
                notFound: $"Snapshots {run.Value(from)} and {run.Value(to)} are not both successful snapshots of cluster {id}.");
            if (run.IsJson)
            {
                return run.Show(diff, _ => Tables.Create());
            }
            foreach (var change in diff.Items("changes"))
            {
                run.Line(change.Text("kind") switch
                {
                    "Added" => $"+ {change.Text("path")}: {change?["new"]?.ToJsonString()}",
                    "Removed" => $"- {change.Text("path")}: {change?["old"]?.ToJsonString()}",
                    _ => $"~ {change.Text("path")}: {change?["old"]?.ToJsonString() ?? "null"} → {change?["new"]?.ToJsonString() ?? "null"}",
                });
            }
            run.Line($"{diff.Items("changes").Count} change(s)");
            return 0;
        });
        return command;
    }
}
