using System.CommandLine;
using System.Text.Json.Nodes;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Tokens;

/// <summary><c>iamops tokens create NAME</c>: the secret is shown once.</summary>
public static class CreateTokenCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "What the token is for, e.g. \"nightly export\" (1 to 100 characters)." }.NotBlank();
        var expires = new Option<int?>("--expires-in-days")
        {
            Description = "Let the token expire after this many days (1 to 3650); without it, it lasts until revoked.",
            HelpName = "N",
        }.Check<Option<int?>, int>(days => days is < 1 or > 3650 ? "--expires-in-days must be between 1 and 3650." : null);
        var command = new Command("create", "Create a personal API token; its secret is printed once and never again.") { name, expires };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var body = new JsonObject { ["name"] = run.Value(name)!.Trim(), ["expiresInDays"] = run.Value(expires) };
            var created = await api.PostAsync("api/v1/me/tokens", body, ct);
            if (run.IsJson)
            {
                run.WriteJson(created);
                return ExitCodes.Ok;
            }
            run.Write(Tables.Details(
                ("Id", created.Text("id")),
                ("Name", created.Text("name")),
                ("Expires", created?["expiresAt"] is null ? "never (until revoked)" : created.When("expiresAt")),
                ("Token", created.Text("token"))));
            run.Line("Copy the token now: it is not shown again. Use it as IAMOPS_TOKEN.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
