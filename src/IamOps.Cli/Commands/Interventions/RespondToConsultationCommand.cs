using System.CommandLine;
using System.Text.Json.Nodes;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Interventions;

/// <summary><c>iamops interventions respond ID CONSULTATION_ID --text</c>: the consulted (C) party gives its input.</summary>
public static class RespondToConsultationCommand
{
    public static Command Create(CliContext context)
    {
        var id = InterventionsCommand.IdArgument();
        var consultation = new Argument<Guid>("CONSULTATION_ID") { Description = "The consultation's id (see `iamops interventions show ID`)." };
        var text = new Option<string>("--text") { Description = "Your input on the work.", HelpName = "TEXT", Required = true }.NotBlank();
        var command = new Command("respond", "Answer a consultation addressed to your party (C), before the work may complete.") { id, consultation, text };
        context.SetAction(command, (run, ct) => InterventionsCommand.StepAsync(run, run.Value(id), $"consultations/{run.Value(consultation)}/respond",
            new JsonObject { ["text"] = run.Value(text)!.Trim() }, ct));
        return command;
    }
}
