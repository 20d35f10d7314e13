using System.CommandLine;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Session;

/// <summary><c>iamops whoami</c>: the signed-in user, organisation, party and role.</summary>
public static class WhoAmICommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("whoami", "Show who the server takes you for: user, organisation, party (provider or client) and role.");
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var me = await api.GetAsync("api/v1/me", ct);
            return run.Show(me, m => Tables.Details(
                ("Email", m.Text("email")),
                ("Name", m.Text("displayName")),
                ("Organisation", $"{m.Text("organisationName")} ({m.Text("organisationId")})"),
                ("Party", m.Text("party")),
                ("Role", m.Text("role")),
                ("Server", Invocation.Display(api.Server))));
        });
        return command;
    }
}
