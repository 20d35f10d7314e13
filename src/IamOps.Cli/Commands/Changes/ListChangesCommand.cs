using System.CommandLine;
using System.Globalization;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Changes;

/// <summary><c>iamops changes list</c> and <c>iamops changes show ID</c>.</summary>
public static class ListChangesCommand
{
    public static Command Create(CliContext context)
    {
        var status = new Option<string?>("--status") { Description = "Only changes in this state (draft, in-review, approved, scheduled, ...).", HelpName = "STATE" };
        var client = CommonOptions.Organisation("--client", "Only the changes of this client organisation.");
        var page = CommonOptions.Page();
        var pageSize = CommonOptions.PageSize(200);
        var command = new Command("list", "List the changes you may see, newest first.") { status, client, page, pageSize };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var query = string.Create(CultureInfo.InvariantCulture, $"{ChangesCommand.BasePath}?page={run.Value(page)}&pageSize={run.Value(pageSize)}");
            if (run.Value(status) is { Length: > 0 } wanted)
            {
                query += "&status=" + Uri.EscapeDataString(wanted.Trim().ToLowerInvariant());
            }
            if (await OrganisationLookup.ResolveAsync(api, run.Value(client), ct) is { } clientId)
            {
                query += $"&clientOrganisationId={clientId}";
            }
            var result = await api.GetAsync(query, ct);
            return run.Show(result, r =>
            {
                var table = Tables.Create("Id", "Title", "Status", "Type", "Planned start", "Planned end");
                foreach (var c in r.Items())
                {
                    table.Row(c.Text("id"), c.Text("title"), c.Text("status"), c?["classification"].Text("effective"), c.When("plannedStart"), c.When("plannedEnd"));
                }
                return table.PageCaption(r, "changes");
            });
        });
        return command;
    }
}

public static class ShowChangeCommand
{
    public static Command Create(CliContext context)
    {
        var id = ChangesCommand.IdArgument();
        var command = new Command("show", "Show one change: type and reasons, approvals, consultations, schedule, report.") { id };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var change = await api.GetAsync($"{ChangesCommand.BasePath}/{run.Value(id)}", ct, ChangesCommand.NotFound(run.Value(id)));
            return run.Show(change, ChangesCommand.Render);
        });
        return command;
    }
}
