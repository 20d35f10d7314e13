using System.CommandLine;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Incidents;

/// <summary><c>iamops incidents show ID</c>.</summary>
public static class ShowIncidentCommand
{
    public static Command Create(CliContext context)
    {
        var id = IncidentsCommand.IdArgument();
        var command = new Command("show", "Show one incident with its SLA clocks and timeline.") { id };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var incidentId = run.Value(id);
            var incident = await api.GetAsync($"{IncidentsCommand.BasePath}/{incidentId}", ct, IncidentsCommand.NotFound(incidentId));
            return await IncidentsCommand.ShowAsync(run, api, incident, ct);
        });
        return command;
    }
}
