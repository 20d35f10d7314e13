using System.CommandLine;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Organisations;

/// <summary><c>iamops organisations list</c>.</summary>
public static class ListOrganisationsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("list", "List the organisations you may see, with their ids and slugs (usable as --client).");
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var organisations = await api.GetAsync("api/v1/organisations", ct);
            return run.Show(organisations, list =>
            {
                var table = Tables.Create("Id", "Name", "Slug", "Kind", "SSO", "Created");
                foreach (var o in list.Items())
                {
                    table.Row(o.Text("id"), o.Text("name"), o.Text("slug"), o.Text("kind"), o.Text("ssoEnabled") == "true" ? "on" : "off", o.When("createdAt"));
                }
                return table;
            });
        });
        return command;
    }
}
