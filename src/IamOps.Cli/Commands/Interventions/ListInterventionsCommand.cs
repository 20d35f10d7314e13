using System.CommandLine;
using System.Globalization;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Interventions;

/// <summary><c>iamops interventions list</c>.</summary>
public static class ListInterventionsCommand
{
    private static readonly string[] Statuses = ["open", "awaiting-approval", "done", "rejected"];

    public static Command Create(CliContext context)
    {
        var status = new Option<string?>("--status") { Description = "Only interventions in this state.", HelpName = string.Join('|', Statuses) };
        status.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } value && !Statuses.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                r.AddError($"--status must be one of {string.Join(", ", Statuses)} (got '{value}').");
            }
        });
        var activity = new Option<string?>("--activity") { Description = "Only the work on this RACI activity key.", HelpName = "KEY" };
        var client = CommonOptions.Organisation("--client", "Only the interventions of this client organisation.");
        var page = CommonOptions.Page();
        var pageSize = CommonOptions.PageSize(200);
        var command = new Command("list", "List the interventions you may see, newest first, one page at a time.") { status, activity, client, page, pageSize };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var query = string.Create(CultureInfo.InvariantCulture, $"{InterventionsCommand.BasePath}?page={run.Value(page)}&pageSize={run.Value(pageSize)}");
            if (run.Value(status) is { } wanted)
            {
                query += "&status=" + Uri.EscapeDataString(wanted.ToLowerInvariant());
            }
            if (run.Value(activity) is { Length: > 0 } key)
            {
                query += "&activityKey=" + Uri.EscapeDataString(key.Trim());
            }
            if (await OrganisationLookup.ResolveAsync(api, run.Value(client), ct) is { } clientId)
            {
                query += $"&clientOrganisationId={clientId}";
            }
            var result = await api.GetAsync(query, ct);
            return run.Show(result, r =>
            {
                var table = Tables.Create("Id", "Title", "Status", "Performed by", "Activity", "Updated");
                foreach (var i in r.Items())
                {
                    table.Row(i.Text("id"), i.Text("title"), i.Text("status"), InterventionsCommand.Party(i.Text("assignedParty")),
                        i.Text("activityKey"), i.When("updatedAt"));
                }
                return table.PageCaption(r, "interventions");
            });
        });
        return command;
    }
}
