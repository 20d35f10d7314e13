using System.CommandLine;
using System.Text.Json.Nodes;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Interventions;

/// <summary><c>iamops interventions complete ID --report</c>: the R party reports the work done.</summary>
public static class CompleteInterventionCommand
{
    public static Command Create(CliContext context)
    {
        var id = InterventionsCommand.IdArgument();
        var report = new Option<string>("--report") { Description = "What was done, for the approver and the informed parties.", HelpName = "TEXT", Required = true }.NotBlank();
        var command = new Command("complete",
            "Report the work done (party holding R): it then awaits approval when the activity has an A party, else it is done.") { id, report };
        context.SetAction(command, (run, ct) => InterventionsCommand.StepAsync(run, run.Value(id), "complete",
            new JsonObject { ["report"] = run.Value(report)!.Trim() }, ct));
        return command;
    }
}
