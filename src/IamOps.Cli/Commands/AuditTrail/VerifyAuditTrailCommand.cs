using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using IamOps.Core.AuditTrail;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.AuditTrail;

/// <summary><c>iamops audit-trail verify FILE</c>: checks a JSONL export's hash chain offline.</summary>
public static class VerifyAuditTrailCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "A JSONL export (from `iamops audit-trail export`); - reads standard input." };
        var command = new Command("verify",
            "Verify an exported chain offline, without the server: every entry's hash and its link to the one before. "
            + "Exit 0 when intact, 1 naming the first broken entry (line, sequence, reason), 2 when the file cannot be read.")
        {
            file,
        };
        context.SetAction(command, (run, _) =>
        {
            var path = run.Value(file)!;
            AuditChainVerification result;
            try
            {
                result = AuditChain.Verify(path == "-" ? ReadLines(run.Env.In) : File.ReadLines(path));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw CliException.Usage($"Cannot read {path}: {ex.Message}");
            }

            if (result.IsIntact && result.VerifiedEntries == 0)
            {
                throw CliException.Usage($"{path} holds no audit entries: nothing to verify.");
            }
            if (!result.IsIntact && result.VerifiedEntries == 0 && result.BrokenSequence is null)
            {
                // Not one entry could be read: the wrong file rather than a broken chain.
                throw CliException.Usage(string.Create(CultureInfo.InvariantCulture,
                    $"{path} is not an audit trail export (line {result.BrokenLine}: {result.Reason}); export one with `iamops audit-trail export --out FILE`."));
            }
            if (run.IsJson)
            {
                run.WriteJson(JsonSerializer.SerializeToNode(result, JsonOptions));
            }
            else if (result.IsIntact)
            {
                run.Line(string.Create(CultureInfo.InvariantCulture, $"{result.VerifiedEntries} {Entries(result.VerifiedEntries)}, chain intact"));
            }
            else
            {
                var seq = result.BrokenSequence is { } s ? s.ToString(CultureInfo.InvariantCulture) : "unknown";
                run.Line(string.Create(CultureInfo.InvariantCulture, $"Chain broken at line {result.BrokenLine}, seq {seq}: {result.Reason}"));
                run.Line(string.Create(CultureInfo.InvariantCulture, $"{result.VerifiedEntries} {Entries(result.VerifiedEntries)} before it verified."));
            }
            return Task.FromResult(result.IsIntact ? ExitCodes.Ok : ExitCodes.Failure);
        });
        return command;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static string Entries(int count) => count == 1 ? "entry" : "entries";

    private static IEnumerable<string> ReadLines(TextReader reader)
    {
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }
}
