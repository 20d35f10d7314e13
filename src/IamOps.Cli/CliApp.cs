using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using IamOps.Cli.Commands.AuditTrail;
using IamOps.Cli.Commands.Changes;
using IamOps.Cli.Commands.Backups;
using IamOps.Cli.Commands.Clusters;
using IamOps.Cli.Commands.Incidents;
using IamOps.Cli.Commands.Interventions;
using IamOps.Cli.Commands.Keycloak;
using IamOps.Cli.Commands.Notifications;
using IamOps.Cli.Commands.Organisations;
using IamOps.Cli.Commands.Quotes;
using IamOps.Cli.Commands.Raci;
using IamOps.Cli.Commands.Session;
using IamOps.Cli.Commands.Tokens;
using IamOps.Cli.Infrastructure;
using Spectre.Console;

namespace IamOps.Cli;

/// <summary>The <c>iamops</c> command line: parses, runs one command, returns its exit code.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, CliEnvironment env, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(env);
        var root = BuildRoot(new CliContext(console, env));
        var parseResult = root.Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            // Usage errors print as `error:` lines followed by the command's help, all on stderr, and exit 2.
            foreach (var error in parseResult.Errors)
            {
                await env.Error.WriteLineAsync($"error: {error.Message}");
            }
            await env.Error.WriteLineAsync();
            await root.Parse([.. CommandPath(parseResult.CommandResult), "--help"])
                .InvokeAsync(new InvocationConfiguration { Output = env.Error, Error = env.Error }, ct);
            return ExitCodes.Usage;
        }
        return await parseResult.InvokeAsync(new InvocationConfiguration { Output = env.Out, Error = env.Error }, ct);
    }

    private static Stack<string> CommandPath(CommandResult? command)
    {
        var names = new Stack<string>();
        for (var current = command; current is { Parent: not null }; current = current.Parent as CommandResult)
        {
            names.Push(current.Command.Name);
        }
        return names;
    }

    public static Command BuildRoot(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Named explicitly rather than after the running executable, so help reads `iamops` wherever it is hosted.
        var root = new Command("iamops",
            "iamops: the command line of IamOps, the operations platform of managed Keycloak. "
            + "Sign in with `iamops login --server URL`; scripts may set IAMOPS_TOKEN to a personal API token instead. "
            + "Exit codes: 0 ok, 1 failure or finding, 2 bad usage or unreadable input, 3 not signed in or not allowed.")
        {
            new HelpOption(),
            new VersionOption(),
            context.Server,
            context.Output,
            context.ConfigDir,
            LoginCommand.Create(context),
            LogoutCommand.Create(context),
            WhoAmICommand.Create(context),
            ClustersCommand.Create(context),
            OrganisationsCommand.Create(context),
            TokensCommand.Create(context),
            AuditTrailCommand.Create(context),
            RaciCommand.Create(context),
            QuotesCommand.Create(context),
            InterventionsCommand.Create(context),
            IncidentsCommand.Create(context),
            ChangesCommand.Create(context),
            NotificationsCommand.Create(context),
            KeycloakCommand.Create(context),
            Commands.Inventory.InventoryCommand.Create(context),
            BackupsCommand.Create(context),
        };
        return root;
    }
}
