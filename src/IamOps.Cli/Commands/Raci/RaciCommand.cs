using System.CommandLine;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Raci;

/// <summary><c>iamops raci</c>: who does what under the contract's RACI matrix.</summary>
public static class RaciCommand
{
    public static Command Create(CliContext context) =>
        new("raci", "The contract's RACI matrix: who is Responsible, Accountable, Support, Consulted and Informed for each activity.")
        {
            ExplainRaciCommand.Create(context),
            RaciMatrixCommand.Create(context),
        };
}
