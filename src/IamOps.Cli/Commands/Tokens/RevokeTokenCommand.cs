using System.CommandLine;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Tokens;

/// <summary><c>iamops tokens revoke ID</c>.</summary>
public static class RevokeTokenCommand
{
    public static Command Create(CliContext context)
    {
        var id = CommonOptions.Id("The token's id (see `iamops tokens list`).");
        var command = new Command("revoke", "Revoke one of your personal API tokens at once; scripts using it are refused from then on.") { id };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var tokenId = run.Value(id);
            await api.DeleteAsync($"api/v1/me/tokens/{tokenId}", ct, notFound: $"You have no personal API token {tokenId}.");
            if (run.IsJson)
            {
                run.WriteJson(new System.Text.Json.Nodes.JsonObject { ["id"] = tokenId.ToString(), ["revoked"] = true });
            }
            else
            {
                run.Line($"Token {tokenId} revoked.");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
