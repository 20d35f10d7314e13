using System.CommandLine;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Quotes;

/// <summary><c>iamops quotes accept ID</c>: the client accepts the quote.</summary>
public static class AcceptQuoteCommand
{
    public static Command Create(CliContext context)
    {
        var id = QuotesCommand.IdArgument();
        var reason = new Option<string?>("--reason") { Description = "An optional note for the provider, e.g. a purchase order number.", HelpName = "TEXT" };
        var command = new Command("accept", "Accept a quote (client admin): the provider may then do the work at the quoted price.") { id, reason };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var requestId = run.Value(id);
            var body = new System.Text.Json.Nodes.JsonObject();
            if (run.Value(reason) is { Length: > 0 } note)
            {
                body["reason"] = note.Trim();
            }
            var answer = await api.PostAsync($"{QuotesCommand.BasePath}/{requestId}/accept", body, ct, QuotesCommand.NotFound(requestId));
            return await QuotesCommand.ShowAsync(run, api, answer, ct);
        });
        return command;
    }
}
