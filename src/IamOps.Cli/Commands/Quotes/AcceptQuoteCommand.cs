using System.CommandLine;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Quotes;

/// <summary><c>iamops quotes accept ID</c>: the client accepts the quote.</summary>
public static class AcceptQuoteCommand
{
    public static Command Create(CliContext context)
    {
        var id = QuotesCommand.IdArgument();
        var command = new Command("accept", "Accept a quote (client): the provider may then do the work at the quoted price.") { id };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var requestId = run.Value(id);
            var answer = await api.PostAsync($"{QuotesCommand.BasePath}/{requestId}/accept", null, ct, QuotesCommand.NotFound(requestId));
            return QuotesCommand.ShowChange(run, answer, $"Quote {requestId} accepted.");
        });
        return command;
    }
}
