using System.CommandLine;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Inventory;

/// <summary><c>iamops inventory CLUSTER</c>: take an inventory of a cluster's servers and system software (provider staff).</summary>
public static class InventoryCommand
{
    public static Command Create(CliContext context)
    {
        var cluster = CommonOptions.Id("The cluster's id (see `iamops clusters list`).");
        var command = new Command("inventory", "Take an inventory of a cluster: servers (OS, kernel, CPU, memory, filesystems), Keycloak, PostgreSQL.") { cluster };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var id = run.Value(cluster);
            var report = await api.PostAsync($"api/v1/clusters/{id}/inventory", null, ct, notFound: $"Cluster {id} does not exist or is not visible to you.");
            return run.Show(report, r =>
            {
                var table = Tables.Create("Server", "OS", "Kernel", "CPUs", "Memory (MiB)", "Problem");
                foreach (var s in r?["content"].Items("servers") ?? [])
                {
                    var memory = long.TryParse(s.Text("memoryBytes"), out var bytes) ? (bytes / 1024 / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
                    table.Row(s.Text("hostname") is { Length: > 0 } h ? h : s.Text("source"), s.Text("os"), $"{s.Text("kernel")} {s.Text("kernelRelease")}".Trim(),
                        s.Text("cpus"), memory, s.Text("error"));
                }
                table.Caption = new Spectre.Console.TableTitle(
                    $"Keycloak {r?["content"]?["keycloak"].Text("version")}, PostgreSQL {r?["content"]?["postgres"].Text("serverVersion")}; inventory {r.Text("id")}");
                return table;
            });
        });
        return command;
    }
}
