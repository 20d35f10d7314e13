using System.CommandLine;
using System.Text.Json.Nodes;
using IamOps.Cli.Infrastructure;
using Spectre.Console;

namespace IamOps.Cli.Commands.Session;

/// <summary><c>iamops login</c>: exchanges email and password for a session stored in config.json.</summary>
public static class LoginCommand
{
    public static Command Create(CliContext context)
    {
        var email = new Option<string?>("--email", "-e") { Description = "Your IamOps email address (asked for when missing and a terminal is attached).", HelpName = "EMAIL" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input instead of asking for it." };
        var command = new Command("login", "Sign in to an IamOps server and remember the session (server, bearer and refresh token) in config.json, readable by you only.")
        {
            email,
            passwordStdin,
        };
        context.SetAction(command, async (run, ct) =>
        {
            var store = run.Config;
            var config = store.Load();
            var server = run.ResolveServer(config);
            var address = run.Value(email) ?? Ask(run, "Email:", secret: false, "--email EMAIL");
            var password = run.Value(passwordStdin)
                ? await run.Env.In.ReadLineAsync(ct) ?? ""
                : Ask(run, "Password:", secret: true, "--password-stdin");
            if (password.Length == 0)
            {
                throw CliException.Usage("The password is empty.");
            }

            using var api = run.ConnectAnonymously(server);
            var answer = await api.PostAsync("api/v1/auth/token", new JsonObject { ["email"] = address.Trim(), ["password"] = password }, ct);
            var tokens = TokenResponse.From(answer, run.Env.Clock);
            var session = new CliConfig
            {
                Server = Invocation.Display(server),
                Email = address.Trim(),
                AccessToken = tokens.AccessToken,
                RefreshToken = tokens.RefreshToken,
                AccessTokenExpiresAt = tokens.ExpiresAt,
            };
            store.Save(session);

            using var signedIn = ApiClient.WithSession(server, run.Env.HttpHandler, run.Env.Clock, store, session);
            var me = await signedIn.GetAsync("api/v1/me", ct);
            if (run.IsJson)
            {
                run.WriteJson(new JsonObject { ["server"] = session.Server, ["configFile"] = store.FilePath, ["me"] = me?.DeepClone() });
            }
            else
            {
                run.Line($"Signed in to {session.Server} as {me.Text("email")} ({me.Text("organisationName")}, {me.Text("role")}).");
                run.Line($"Session saved in {store.FilePath}.");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Ask(Invocation run, string prompt, bool secret, string option)
    {
        if (!run.Env.IsInteractive)
        {
            throw CliException.Usage($"No terminal to ask for the {prompt.TrimEnd(':').ToLowerInvariant()}: pass {option}"
                + (secret ? " (e.g. `printf '%s' \"$PASSWORD\" | iamops login --email EMAIL --password-stdin`)." : "."));
        }
        var question = new TextPrompt<string>(prompt);
        if (secret)
        {
            question = question.Secret();
        }
        return run.Console.Prompt(question);
    }
}
