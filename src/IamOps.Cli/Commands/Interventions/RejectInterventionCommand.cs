using System.CommandLine;
using System.Text.Json.Nodes;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Interventions;

/// <summary><c>iamops interventions reject ID --reason</c>: the accountable (A) party refuses the work and says why.</summary>
public static class RejectInterventionCommand
{
    public static Command Create(CliContext context)
    {
        var id = InterventionsCommand.IdArgument();
        var reason = new Option<string>("--reason") { Description = "Why the work is rejected, so that the responsible party can redo it.", HelpName = "TEXT", Required = true }.NotBlank();
        var command = new Command("reject", "Reject completed work (party holding A), giving the reason.") { id, reason };
        context.SetAction(command, (run, ct) => InterventionsCommand.StepAsync(run, run.Value(id), "reject",
            new JsonObject { ["reason"] = run.Value(reason)!.Trim() }, ct));
        return command;
    }
}
