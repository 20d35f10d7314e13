using System.CommandLine;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.AuditTrail;

/// <summary><c>iamops audit-trail</c>: read, export and verify the hash-chained audit trail.</summary>
public static class AuditTrailCommand
{
    public static Command Create(CliContext context) =>
        new("audit-trail", "The hash-chained audit trail: every change, who made it and under which RACI activity; one chain per client organisation.")
        {
            ListAuditTrailCommand.Create(context),
            ExportAuditTrailCommand.Create(context),
            VerifyAuditTrailCommand.Create(context),
        };

    /// <summary>The --chain option: the provider may read any organisation's chain; a client always reads its own.</summary>
    public static Option<string?> ChainOption() =>
        CommonOptions.Organisation("--chain", "The organisation whose chain to read (provider staff only; a client always reads its own).");
}
