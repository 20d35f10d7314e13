using System.CommandLine;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Tokens;

/// <summary><c>iamops tokens list</c>: prefixes only, never the secrets.</summary>
public static class ListTokensCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("list", "List your personal API tokens: name, prefix, dates and whether revoked (never the secrets).");
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var tokens = await api.GetAsync("api/v1/me/tokens", ct);
            return run.Show(tokens, list =>
            {
                var table = Tables.Create("Id", "Name", "Prefix", "Created", "Expires", "Revoked");
                foreach (var t in list.Items())
                {
                    table.Row(t.Text("id"), t.Text("name"), t.Text("prefix") + "…", t.When("createdAt"),
                        t.Text("expiresAt").Length == 0 ? "never" : t.When("expiresAt"), t.When("revokedAt"));
                }
                return table;
            });
        });
        return command;
    }
}
