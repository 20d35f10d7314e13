using System.CommandLine;
using System.Text.Json.Nodes;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Interventions;

/// <summary><c>iamops interventions request</c>: asks for work on a RACI activity; work no row covers becomes a quote request.</summary>
public static class RequestInterventionCommand
{
    public static Command Create(CliContext context)
    {
        var activity = new Option<string>("--activity")
        {
            Description = "The RACI activity key the work falls under (see `iamops raci matrix`); a key the contract does not have makes it a quote request.",
            HelpName = "KEY",
            Required = true,
        }.NotBlank();
        var title = new Option<string>("--title") { Description = "A short title for the work.", HelpName = "TEXT", Required = true }.NotBlank();
        var description = new Option<string>("--description") { Description = "What is to be done, and why.", HelpName = "TEXT", Required = true }.NotBlank();
        var client = CommonOptions.Organisation("--client", "The client the work is for (provider staff only; a client asks for itself).");
        var command = new Command("request",
            "Request an intervention: it is assigned to the party holding R on the activity, the C parties are consulted and the I parties told.")
        {
            activity, title, description, client,
        };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var body = new JsonObject
            {
                ["activityKey"] = run.Value(activity)!.Trim(),
                ["title"] = run.Value(title)!.Trim(),
                ["description"] = run.Value(description)!.Trim(),
            };
            if (await OrganisationLookup.ResolveAsync(api, run.Value(client), ct) is { } clientId)
            {
                body["clientOrganisationId"] = clientId.ToString();
            }
            var answer = await api.PostAsync(InterventionsCommand.BasePath, body, ct);
            if (answer.Text("kind") != "quote-request")
            {
                return await InterventionsCommand.ShowAsync(run, api, answer, ct);
            }
            // Accepted, not created: the contract does not cover the work, so it waits for a quote instead.
            if (run.IsJson)
            {
                run.WriteJson(answer);
            }
            else
            {
                run.Line(answer.Text("reason"));
                run.Line($"Quote request {answer.Text("id")}: follow it with `iamops quotes show {answer.Text("id")}`.");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
