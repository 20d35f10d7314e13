using System.CommandLine;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Session;

/// <summary><c>iamops logout</c>: forgets the stored session (the server URL is kept).</summary>
public static class LogoutCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("logout", "Forget the stored session tokens; the server URL is kept for the next `iamops login`.");
        context.SetAction(command, (run, _) =>
        {
            var store = run.Config;
            var config = store.Load();
            if (!config.HasSession)
            {
                run.Line("Not signed in: nothing to forget.");
                return Task.FromResult(ExitCodes.Ok);
            }
            store.Save(new CliConfig { Server = config.Server });
            run.Line($"Signed out of {config.Server}.");
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
