using System.CommandLine;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Quotes;

/// <summary><c>iamops quotes show ID</c>.</summary>
public static class ShowQuoteCommand
{
    public static Command Create(CliContext context)
    {
        var id = QuotesCommand.IdArgument();
        var command = new Command("show", "Show one quote request with its quote and decision.") { id };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var requestId = run.Value(id);
            var quote = await api.GetAsync($"{QuotesCommand.BasePath}/{requestId}", ct, QuotesCommand.NotFound(requestId));
            return await QuotesCommand.ShowAsync(run, api, quote, ct);
        });
        return command;
    }
}
