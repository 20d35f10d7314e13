using System.CommandLine;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Interventions;

/// <summary><c>iamops interventions show ID</c>.</summary>
public static class ShowInterventionCommand
{
    public static Command Create(CliContext context)
    {
        var id = InterventionsCommand.IdArgument();
        var command = new Command("show", "Show one intervention with its consultations (and their ids, for `respond`) and contributions.") { id };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var interventionId = run.Value(id);
            var intervention = await api.GetAsync($"{InterventionsCommand.BasePath}/{interventionId}", ct, InterventionsCommand.NotFound(interventionId));
            return await InterventionsCommand.ShowAsync(run, api, intervention, ct);
        });
        return command;
    }
}
