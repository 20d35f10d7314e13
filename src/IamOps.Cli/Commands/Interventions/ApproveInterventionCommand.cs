using System.CommandLine;
using System.Text.Json.Nodes;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Interventions;

/// <summary><c>iamops interventions approve ID</c>: the accountable (A) party accepts the work.</summary>
public static class ApproveInterventionCommand
{
    public static Command Create(CliContext context)
    {
        var id = InterventionsCommand.IdArgument();
        var reason = new Option<string?>("--reason") { Description = "An optional note, e.g. how the work was checked.", HelpName = "TEXT" };
        var command = new Command("approve", "Approve completed work (party holding A): it is then done.") { id, reason };
        context.SetAction(command, (run, ct) =>
        {
            var body = new JsonObject();
            if (run.Value(reason) is { } note && !string.IsNullOrWhiteSpace(note))
            {
                body["reason"] = note.Trim();
            }
            return InterventionsCommand.StepAsync(run, run.Value(id), "approve", body, ct);
        });
        return command;
    }
}
