using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Changes;

/// <summary><c>iamops changes schedule ID --start … --end …</c>: a refusal names the rule and the next valid slot.</summary>
public static class ScheduleChangeCommand
{
    public static Command Create(CliContext context)
    {
        var id = ChangesCommand.IdArgument();
        var start = new Option<DateTimeOffset>("--start") { Description = "Start, ISO 8601 with offset (e.g. 2026-03-10T10:00+01:00).", HelpName = "TIME", Required = true };
        var end = new Option<DateTimeOffset>("--end") { Description = "End, ISO 8601 with offset.", HelpName = "TIME", Required = true };
        var command = new Command("schedule",
            "Schedule an approved change. Without shutdown: working hours Mon–Fri 08:00–18:00 Europe/Paris civil time (CET/CEST), public holidays excluded; "
            + "with shutdown: inside a maintenance window; never over another change on the cluster or a freeze.") { id, start, end };
        context.SetAction(command, (run, ct) => ChangesCommand.StepAsync(run, run.Value(id), "schedule", new JsonObject
        {
            ["start"] = run.Value(start).ToString("o", CultureInfo.InvariantCulture),
            ["end"] = run.Value(end).ToString("o", CultureInfo.InvariantCulture),
        }, ct));
        return command;
    }
}

/// <summary><c>iamops changes report ID --report TEXT [--close]</c>.</summary>
public static class ReportChangeCommand
{
    public static Command Create(CliContext context)
    {
        var id = ChangesCommand.IdArgument();
        var report = new Option<string>("--report") { Description = "The activity report of the finished change.", HelpName = "TEXT", Required = true }.NotBlank();
        var close = new Option<bool>("--close") { Description = "Close the change once the report is recorded." };
        var command = new Command("report", "Record the activity report of a completed, failed or rolled-back change (required before closing).") { id, report, close };
        context.SetAction(command, async (run, ct) =>
        {
            if (!run.Value(close))
            {
                return await ChangesCommand.StepAsync(run, run.Value(id), "report", new JsonObject { ["report"] = run.Value(report)!.Trim() }, ct);
            }
            using var api = run.Connect();
            await api.PostAsync($"{ChangesCommand.BasePath}/{run.Value(id)}/report", new JsonObject { ["report"] = run.Value(report)!.Trim() }, ct, ChangesCommand.NotFound(run.Value(id)));
            var closed = await api.PostAsync($"{ChangesCommand.BasePath}/{run.Value(id)}/close", [], ct, ChangesCommand.NotFound(run.Value(id)));
            return run.Show(closed, ChangesCommand.Render);
        });
        return command;
    }
}

/// <summary><c>iamops changes calendar</c>: scheduled changes, maintenance windows and freezes.</summary>
public static class ChangeCalendarCommand
{
    public static Command Create(CliContext context)
    {
        var from = new Option<DateTimeOffset?>("--from") { Description = "From (default: a week ago).", HelpName = "TIME" };
        var to = new Option<DateTimeOffset?>("--to") { Description = "To (default: six weeks after --from).", HelpName = "TIME" };
        var client = CommonOptions.Organisation("--client", "Only this client's calendar (provider staff).");
        var command = new Command("calendar", "Show the change calendar: scheduled changes, maintenance windows and freeze periods.") { from, to, client };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var query = new List<string>();
            if (run.Value(from) is { } f)
            {
                query.Add("from=" + Uri.EscapeDataString(f.ToString("o", CultureInfo.InvariantCulture)));
            }
            if (run.Value(to) is { } t)
            {
                query.Add("to=" + Uri.EscapeDataString(t.ToString("o", CultureInfo.InvariantCulture)));
            }
            if (await OrganisationLookup.ResolveAsync(api, run.Value(client), ct) is { } clientId)
            {
                query.Add($"clientOrganisationId={clientId}");
            }
            var entries = await api.GetAsync($"{ChangesCommand.BasePath}/calendar{(query.Count == 0 ? "" : "?" + string.Join('&', query))}", ct);
            return run.Show(entries, e =>
            {
                var table = Tables.Create("Start", "End", "Kind", "Title", "Status", "Type");
                foreach (var x in e.Items(""))
                {
                    table.Row(x.When("start"), x.When("end"), x.Text("kind"), x.Text("title"), x.Text("status"), x.Text("type"));
                }
                return table;
            });
        });
        return command;
    }
}
