using System.CommandLine;
using System.Text.Json.Nodes;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Incidents;

/// <summary><c>iamops incidents note ID --text</c>: add a note to the timeline.</summary>
public static class NoteIncidentCommand
{
    public static Command Create(CliContext context)
    {
        var id = IncidentsCommand.IdArgument();
        var text = new Option<string>("--text") { Description = "The note (what was seen, done or asked).", HelpName = "TEXT", Required = true }.NotBlank();
        var command = new Command("note", "Add a note to an incident's timeline (provider staff, client admins and contacts).") { id, text };
        context.SetAction(command, (run, ct) => IncidentsCommand.StepAsync(run, run.Value(id), "notes",
            new JsonObject { ["text"] = run.Value(text)!.Trim() }, ct));
        return command;
    }
}
