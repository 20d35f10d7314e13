using System.CommandLine;
using System.Globalization;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Incidents;

/// <summary><c>iamops incidents list</c>.</summary>
public static class ListIncidentsCommand
{
    private static readonly string[] Statuses = ["new", "acknowledged", "in-progress", "waiting-on-client", "resolved", "closed"];
    private static readonly string[] Severities = ["P1", "P2", "P3", "P4"];

    public static Command Create(CliContext context)
    {
        var status = OneOf("--status", "Only incidents in this state.", Statuses);
        var severity = OneOf("--severity", "Only incidents of this severity.", Severities);
        var open = new Option<bool>("--open") { Description = "Only incidents not yet resolved or closed." };
        var client = CommonOptions.Organisation("--client", "Only the incidents of this client organisation.");
        var page = CommonOptions.Page();
        var pageSize = CommonOptions.PageSize(200);
        var command = new Command("list", "List the incidents you may see, newest first, with their SLA clocks.") { status, severity, open, client, page, pageSize };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var query = string.Create(CultureInfo.InvariantCulture, $"{IncidentsCommand.BasePath}?page={run.Value(page)}&pageSize={run.Value(pageSize)}");
            if (run.Value(status) is { } s)
            {
                query += "&status=" + Uri.EscapeDataString(s.ToLowerInvariant());
            }
            if (run.Value(severity) is { } sev)
            {
                query += "&severity=" + Uri.EscapeDataString(sev.ToUpperInvariant());
            }
            if (run.Value(open))
            {
                query += "&open=true";
            }
            if (await OrganisationLookup.ResolveAsync(api, run.Value(client), ct) is { } clientId)
            {
                query += $"&clientOrganisationId={clientId}";
            }
            var result = await api.GetAsync(query, ct);
            return run.Show(result, r =>
            {
                var table = Tables.Create("Id", "Sev", "Title", "Status", "Owner", "Response", "Resolution", "Opened");
                foreach (var i in r.Items())
                {
                    table.Row(i.Text("id"), i.Text("severity"), i.Text("title"), i.Text("status"), i.Text("owner"),
                        IncidentsCommand.Clock(i?["response"]), IncidentsCommand.Clock(i?["resolution"]), i.When("openedAt"));
                }
                return table.PageCaption(r, "incidents");
            });
        });
        return command;
    }

    private static Option<string?> OneOf(string name, string description, string[] values)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = string.Join('|', values) };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } value && !values.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                r.AddError($"{name} must be one of {string.Join(", ", values)} (got '{value}').");
            }
        });
        return option;
    }
}
