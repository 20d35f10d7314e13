using System.CommandLine;
using System.Text.Json.Nodes;
using IamOps.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace IamOps.Cli.Commands.Interventions;

/// <summary><c>iamops interventions</c>: contracted work on one RACI row, from request to approval.</summary>
public static class InterventionsCommand
{
    public const string BasePath = "api/v1/interventions";

    public static Command Create(CliContext context) =>
        new("interventions", "Contracted work on a RACI activity: the R party performs it, S contributes, C is consulted first, "
            + "A approves, I is told. Work no activity covers becomes a quote request.")
        {
            ListInterventionsCommand.Create(context),
            ShowInterventionCommand.Create(context),
            RequestInterventionCommand.Create(context),
            ContributeToInterventionCommand.Create(context),
            RespondToConsultationCommand.Create(context),
            CompleteInterventionCommand.Create(context),
            ApproveInterventionCommand.Create(context),
            RejectInterventionCommand.Create(context),
        };

    public static Argument<Guid> IdArgument() => CommonOptions.Id("The intervention's id (see `iamops interventions list`).");

    public static string NotFound(Guid id) => $"Intervention {id} does not exist or is not visible to you.";

    /// <summary>Posts one step of the workflow and shows the intervention as it now stands.</summary>
    public static async Task<int> StepAsync(Invocation run, Guid id, string step, JsonObject body, CancellationToken ct)
    {
        using var api = run.Connect();
        var answer = await api.PostAsync($"{BasePath}/{id}/{step}", body, ct, NotFound(id));
        return await ShowAsync(run, api, answer, ct);
    }

    /// <summary>One intervention as the server's JSON, or as tables naming the client.</summary>
    public static async Task<int> ShowAsync(Invocation run, ApiClient api, JsonNode? intervention, CancellationToken ct)
    {
        var organisation = run.IsJson ? null : await OrganisationLookup.NamesAsync(api, ct);
        return run.Show(intervention, i => Render(i, organisation!));
    }

    private static Rows Render(JsonNode? i, Func<string, string> organisation)
    {
        var parts = new List<IRenderable>
        {
            Tables.Details(
                ("Id", i.Text("id")),
                ("Title", i.Text("title")),
                ("Status", i.Text("status")),
                ("RACI activity", i.Text("activityKey")),
                ("Client", OrganisationLookup.NameAndId(organisation, i.Text("clientOrganisationId"))),
                ("Performed by (R)", Party(i.Text("assignedParty"))),
                ("Approved by (A)", Party(i.Text("approverParty"))),
                ("Requested by", $"{i.Text("requestedBy")}, {Party(i.Text("requestedByParty"))}"),
                ("Description", i.Text("description")),
                ("Report", i.Text("report")),
                ("Completed", By(i.Text("completedBy"), i.When("completedAt"))),
                ("Decision", By(i.Text("decidedBy"), i.When("decidedAt"))),
                ("Decision reason", i.Text("decisionReason")),
                ("Next steps", i.Text("allowed")),
                ("Created", i.When("createdAt")),
                ("Updated", i.When("updatedAt"))),
        };

        var consultations = i.Items("consultations");
        if (consultations.Count > 0)
        {
            var table = Tables.Create("Id", "Consulted", "State", "Due", "Response", "Answered").Title("Consultations (C)");
            foreach (var c in consultations)
            {
                table.Row(c.Text("id"), Party(c.Text("party")), c.Text("state"), c.When("dueAt"), c.Text("response"),
                    By(c.Text("respondedBy"), c.When("respondedAt")));
            }
            parts.Add(table);
        }

        var contributions = i.Items("contributions");
        if (contributions.Count > 0)
        {
            var table = Tables.Create("At", "Party", "Author", "Contribution").Title("Contributions (S)");
            foreach (var c in contributions)
            {
                table.Row(c.When("createdAt"), Party(c.Text("party")), c.Text("author"), c.Text("text"));
            }
            parts.Add(table);
        }
        return new Rows(parts);
    }

    /// <summary>A party as people say it: the provider is CLOUD-IAM.</summary>
    public static string Party(string party) => party switch
    {
        "Provider" => "provider (CLOUD-IAM)",
        "Client" => "client",
        _ => party,
    };

    private static string By(string who, string when) => who.Length == 0 ? when : $"{who}, {when}".TrimEnd(' ', ',');
}
