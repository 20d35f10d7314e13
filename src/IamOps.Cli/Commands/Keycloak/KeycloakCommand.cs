using System.CommandLine;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Keycloak;

/// <summary><c>iamops keycloak</c>: work on Keycloak realms.</summary>
public static class KeycloakCommand
{
    public static Command Create(CliContext context) =>
        new("keycloak", "Keycloak realms: audit realm exports offline against security and privacy rules, and list those rules.")
        {
            AuditKeycloakCommand.Create(context),
            ListKeycloakRulesCommand.Create(context),
            SnapshotKeycloakCommand.Create(context),
            ListSnapshotsCommand.Create(context),
            DiffSnapshotsCommand.Create(context),
        };
}
