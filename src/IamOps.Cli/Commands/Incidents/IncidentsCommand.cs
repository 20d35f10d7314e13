using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using IamOps.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace IamOps.Cli.Commands.Incidents;

/// <summary><c>iamops incidents</c>: incidents with their SLA clocks and timeline.</summary>
public static class IncidentsCommand
{
    public const string BasePath = "api/v1/incidents";

    public static Command Create(CliContext context) =>
        new("incidents", "Incidents on the clusters: severity, status, SLA clocks counted in the contract's calendar, and timeline.")
        {
            ListIncidentsCommand.Create(context),
            ShowIncidentCommand.Create(context),
            IncidentStepCommand.Acknowledge(context),
            IncidentStepCommand.Resolve(context),
            NoteIncidentCommand.Create(context),
        };

    public static Argument<Guid> IdArgument() => CommonOptions.Id("The incident's id (see `iamops incidents list`).");

    public static string NotFound(Guid id) => $"Incident {id} does not exist or is not visible to you.";

    /// <summary>Posts to the incident and shows it as it now stands.</summary>
    public static async Task<int> StepAsync(Invocation run, Guid id, string step, JsonObject body, CancellationToken ct)
    {
        using var api = run.Connect();
        await api.PostAsync($"{BasePath}/{id}/{step}", body, ct, NotFound(id));
        var incident = await api.GetAsync($"{BasePath}/{id}", ct, NotFound(id));
        return await ShowAsync(run, api, incident, ct);
    }

    /// <summary>One incident as the server's JSON, or as tables naming the client.</summary>
    public static async Task<int> ShowAsync(Invocation run, ApiClient api, JsonNode? incident, CancellationToken ct)
    {
        var organisation = run.IsJson ? null : await OrganisationLookup.NamesAsync(api, ct);
        return run.Show(incident, i => Render(i, organisation!));
    }

    /// <summary>A clock in a few words: "12.5 / 30 min, running, due 2026-03-02 09:30".</summary>
    public static string Clock(JsonNode? clock)
    {
        if (clock.Text("state") == "none")
        {
            return "no target";
        }
        var text = string.Create(CultureInfo.InvariantCulture, $"{clock.Text("elapsedMinutes")} / {clock.Text("targetMinutes")} min, {clock.Text("state")}");
        if (clock.Text("dueAt").Length > 0)
        {
            text += $", due {clock.When("dueAt")}";
        }
        if (clock.Text("breached") == "true")
        {
            text += ", BREACHED";
        }
        return text;
    }

    private static Rows Render(JsonNode? i, Func<string, string> organisation)
    {
        var parts = new List<IRenderable>
        {
            Tables.Details(
                ("Id", i.Text("id")),
                ("Title", i.Text("title")),
                ("Severity", i.Text("severity")),
                ("Status", i.Text("status")),
                ("Client", OrganisationLookup.NameAndId(organisation, i.Text("clientOrganisationId"))),
                ("Source", i.Text("source")),
                ("Users affected", i.Text("usersAffected")),
                ("Owner", i.Text("owner")),
                ("Opened", $"{i.When("openedAt")} by {i.Text("openedBy")}"),
                ("Acknowledged", i.When("acknowledgedAt")),
                ("Resolved", i.When("resolvedAt")),
                ("Response clock", Clock(i?["response"])),
                ("Resolution clock", Clock(i?["resolution"])),
                ("Description", i.Text("description")),
                ("Next steps", i.Text("allowed"))),
        };
        var timeline = i.Items("timeline");
        if (timeline.Count > 0)
        {
            var table = Tables.Create("At", "Kind", "By", "Text").Title("Timeline");
            foreach (var e in timeline)
            {
                table.Row(e.When("at"), e.Text("kind"), e.Text("actor"), e.Text("text"));
            }
            parts.Add(table);
        }
        return new Rows(parts);
    }
}
