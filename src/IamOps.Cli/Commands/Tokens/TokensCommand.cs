using System.CommandLine;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Tokens;

/// <summary><c>iamops tokens</c>: your personal API tokens.</summary>
public static class TokensCommand
{
    public static Command Create(CliContext context) =>
        new("tokens", "Your personal API tokens (iamops_pat_…), for scripts: set IAMOPS_TOKEN to one instead of signing in.")
        {
            CreateTokenCommand.Create(context),
            ListTokensCommand.Create(context),
            RevokeTokenCommand.Create(context),
        };
}
