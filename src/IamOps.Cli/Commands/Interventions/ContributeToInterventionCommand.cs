using System.CommandLine;
using System.Text.Json.Nodes;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Interventions;

/// <summary><c>iamops interventions contribute ID --text</c>: a party holding S (or R) adds a comment or resource.</summary>
public static class ContributeToInterventionCommand
{
    public static Command Create(CliContext context)
    {
        var id = InterventionsCommand.IdArgument();
        var text = new Option<string>("--text") { Description = "The comment or resource to add (a link, a finding, a suggestion).", HelpName = "TEXT", Required = true }.NotBlank();
        var command = new Command("contribute", "Contribute to open work (parties holding S or R on its activity).") { id, text };
        context.SetAction(command, (run, ct) => InterventionsCommand.StepAsync(run, run.Value(id), "contributions",
            new JsonObject { ["text"] = run.Value(text)!.Trim() }, ct));
        return command;
    }
}
