using System.CommandLine;
using System.Globalization;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.AuditTrail;

/// <summary><c>iamops audit-trail list</c>: the newest entries first.</summary>
public static class ListAuditTrailCommand
{
    public static Command Create(CliContext context)
    {
        var chain = AuditTrailCommand.ChainOption();
        var page = CommonOptions.Page();
        var pageSize = CommonOptions.PageSize(500);
        var command = new Command("list", "List audit entries, newest first: sequence, time, actor, action, RACI activity and entity.") { chain, page, pageSize };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var chainId = await OrganisationLookup.ResolveAsync(api, run.Value(chain), ct);
            var query = string.Create(CultureInfo.InvariantCulture, $"api/v1/audit-trail?page={run.Value(page)}&pageSize={run.Value(pageSize)}")
                + (chainId is { } id ? $"&chainId={id}" : "");
            var result = await api.GetAsync(query, ct);
            return run.Show(result, r =>
            {
                var table = Tables.Create("Seq", "At", "Actor", "Action", "Activity", "Entity");
                foreach (var e in r.Items())
                {
                    table.Row(e.Text("seq"), e.When("at"), e.Text("actor"), e.Text("action"), e.Text("activityKey"),
                        $"{e.Text("entityType")} {e.Text("entityId")}".Trim());
                }
                return table.PageCaption(r, "entries");
            });
        });
        return command;
    }
}
