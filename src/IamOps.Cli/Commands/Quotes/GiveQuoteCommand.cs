using System.CommandLine;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Quotes;

/// <summary><c>iamops quotes quote ID</c>: the provider answers a request with an amount and terms.</summary>
public static partial class GiveQuoteCommand
{
    public static Command Create(CliContext context)
    {
        var id = QuotesCommand.IdArgument();
        var amount = new Option<decimal>("--amount") { Description = "The price quoted, e.g. 1250.00.", HelpName = "AMOUNT", Required = true }
            .Check<Option<decimal>, decimal>(value => value <= 0 ? "--amount must be more than 0." : null);
        var currency = new Option<string>("--currency") { Description = "The ISO 4217 currency code, e.g. EUR.", HelpName = "CODE", Required = true };
        currency.Validators.Add(r =>
        {
            if (!CurrencyCode().IsMatch(r.GetValueOrDefault<string>() ?? ""))
            {
                r.AddError("--currency must be a three-letter ISO 4217 code such as EUR.");
            }
        });
        var text = new Option<string>("--text") { Description = "The quote's terms: what is included, when, conditions.", HelpName = "TEXT", Required = true }.NotBlank();
        var command = new Command("quote", "Quote a requested piece of work (provider): amount, currency and terms.") { id, amount, currency, text };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var requestId = run.Value(id);
            var body = new JsonObject
            {
                ["amount"] = run.Value(amount),
                ["currency"] = run.Value(currency)!.ToUpperInvariant(),
                ["text"] = run.Value(text)!.Trim(),
            };
            var answer = await api.PostAsync($"{QuotesCommand.BasePath}/{requestId}/quote", body, ct, QuotesCommand.NotFound(requestId));
            return await QuotesCommand.ShowAsync(run, api, answer, ct);
        });
        return command;
    }

    [GeneratedRegex("^[A-Za-z]{3}$")]
    private static partial Regex CurrencyCode();
}
