using System.CommandLine;
using System.Text.Json.Nodes;
using IamOps.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace IamOps.Cli.Commands.Changes;

/// <summary><c>iamops changes</c>: change requests from draft to closing, and the change calendar.</summary>
public static class ChangesCommand
{
    public const string BasePath = "api/v1/changes";

    public static Command Create(CliContext context) =>
        new("changes", "Change requests: classified Minor/Medium/Major, reviewed, approved by the accountable party, scheduled by the "
            + "contract's rules (working hours Mon–Fri 08:00–18:00 Europe/Paris, CET/CEST; maintenance windows for shutdowns), reported and closed.")
        {
            ListChangesCommand.Create(context),
            ShowChangeCommand.Create(context),
            CreateChangeCommand.Create(context),
            ChangeStepCommands.Submit(context),
            ChangeStepCommands.Approve(context),
            ScheduleChangeCommand.Create(context),
            ReportChangeCommand.Create(context),
            ChangeCalendarCommand.Create(context),
        };

    public static Argument<Guid> IdArgument() => CommonOptions.Id("The change's id (see `iamops changes list`).");

    public static string NotFound(Guid id) => $"Change {id} does not exist or is not visible to you.";

    /// <summary>Posts one step of the workflow and shows the change as it now stands.</summary>
    public static async Task<int> StepAsync(Invocation run, Guid id, string step, JsonObject body, CancellationToken ct)
    {
        using var api = run.Connect();
        var answer = await api.PostAsync($"{BasePath}/{id}/{step}", body, ct, NotFound(id));
        return run.Show(answer, Render);
    }

    public static Rows Render(JsonNode? c)
    {
        var classification = c?["classification"];
        var parts = new List<IRenderable>
        {
            Tables.Details(
                ("Id", c.Text("id")),
                ("Title", c.Text("title")),
                ("Status", c.Text("status")),
                ("Type", classification.Text("effective")),
                ("Computed type", classification.Text("computed")),
                ("Reasons", string.Join("; ", classification.Items("reasons").Select(r => r.Text()))),
                ("Override justification", classification.Text("overrideJustification")),
                ("Urgent", c.Text("urgent")),
                ("Requires shutdown", c.Text("requiresShutdown")),
                ("Targets", string.Join(", ", c.Items("targets").Select(t => t.Text("kind") == "cluster" ? t.Text("clusterId") : $"{t.Text("clusterId")} {t.Text("kind")}:{t.Text("name")}"))),
                ("Approval row", c.Text("approvalActivityKey")),
                ("Approvals needed", c.Text("approversNeeded")),
                ("Approvals", string.Join("; ", c.Items("approvals").Select(a => $"{a.Text("party")}: {a.Text("by")}"))),
                ("Planned", c.Text("plannedStart").Length == 0 ? "" : $"{c.When("plannedStart")} – {c.When("plannedEnd")}"),
                ("Incident", c.Text("incidentId")),
                ("Activity report", c.Text("activityReport")),
                ("Next steps", c.Text("allowed"))),
        };
        var consultations = c.Items("consultations");
        if (consultations.Count > 0)
        {
            var table = Tables.Create("#", "Consulted", "State", "Due", "Response").Title("Consultations (C)");
            foreach (var k in consultations)
            {
                table.Row(k.Text("index"), k.Text("consultedParty"), k.Text("state"), k.When("dueAt"), k.Text("response"));
            }
            parts.Add(table);
        }
        return new Rows(parts);
    }
}

/// <summary><c>iamops changes submit|approve ID</c>.</summary>
public static class ChangeStepCommands
{
    public static Command Submit(CliContext context)
    {
        var id = ChangesCommand.IdArgument();
        var command = new Command("submit", "Submit a draft for review: the consulted (C) parties are asked, with a due time.") { id };
        context.SetAction(command, (run, ct) => ChangesCommand.StepAsync(run, run.Value(id), "submit", [], ct));
        return command;
    }

    public static Command Approve(CliContext context)
    {
        var id = ChangesCommand.IdArgument();
        var comment = new Option<string?>("--comment") { Description = "An optional note with the approval.", HelpName = "TEXT" };
        var command = new Command("approve",
            "Approve a change in review (the accountable party of the approval row; both parties for an urgent change).") { id, comment };
        context.SetAction(command, (run, ct) =>
        {
            var body = new JsonObject();
            if (run.Value(comment) is { Length: > 0 } note)
            {
                body["comment"] = note.Trim();
            }
            return ChangesCommand.StepAsync(run, run.Value(id), "approve", body, ct);
        });
        return command;
    }
}
