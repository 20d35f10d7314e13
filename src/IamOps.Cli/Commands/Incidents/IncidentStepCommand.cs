using System.CommandLine;
using System.Text.Json.Nodes;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Incidents;

/// <summary><c>iamops incidents ack|resolve ID [--note]</c>: provider staff move the incident on.</summary>
public static class IncidentStepCommand
{
    public static Command Acknowledge(CliContext context) =>
        Create(context, "ack", "acknowledge", "Acknowledge a new incident (provider staff): stops the response clock and the escalation.");

    public static Command Resolve(CliContext context) =>
        Create(context, "resolve", "resolve", "Resolve an incident (provider staff): stops the resolution clock.");

    private static Command Create(CliContext context, string name, string step, string description)
    {
        var id = IncidentsCommand.IdArgument();
        var note = new Option<string?>("--note") { Description = "A note for the timeline.", HelpName = "TEXT" };
        var command = new Command(name, description) { id, note };
        context.SetAction(command, (run, ct) => IncidentsCommand.StepAsync(run, run.Value(id), step,
            new JsonObject { ["note"] = run.Value(note)?.Trim() }, ct));
        return command;
    }
}
