using System.CommandLine;
using System.Text.Json.Nodes;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Quotes;

/// <summary><c>iamops quotes refuse ID --reason</c>: the client refuses the quote and says why.</summary>
public static class RefuseQuoteCommand
{
    public static Command Create(CliContext context)
    {
        var id = QuotesCommand.IdArgument();
        var reason = new Option<string>("--reason") { Description = "Why the quote is refused; the provider reads it.", HelpName = "TEXT", Required = true }.NotBlank();
        var command = new Command("refuse", "Refuse a quote (client admin), giving the reason.") { id, reason };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var requestId = run.Value(id);
            var answer = await api.PostAsync($"{QuotesCommand.BasePath}/{requestId}/refuse",
                new JsonObject { ["reason"] = run.Value(reason)!.Trim() }, ct, QuotesCommand.NotFound(requestId));
            return await QuotesCommand.ShowAsync(run, api, answer, ct);
        });
        return command;
    }
}
