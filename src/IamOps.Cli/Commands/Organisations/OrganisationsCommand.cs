using System.CommandLine;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Organisations;

/// <summary><c>iamops organisations</c>: the provider and client organisations you may see.</summary>
public static class OrganisationsCommand
{
    public static Command Create(CliContext context) =>
        new("organisations", "Organisations: the provider sees every client, a client only itself.")
        {
            ListOrganisationsCommand.Create(context),
        };
}
