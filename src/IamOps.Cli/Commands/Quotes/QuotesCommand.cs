using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using IamOps.Cli.Infrastructure;
using Spectre.Console;

namespace IamOps.Cli.Commands.Quotes;

/// <summary><c>iamops quotes</c>: requests for work outside the contract, the provider's quotes and the client's decisions.</summary>
public static class QuotesCommand
{
    public const string BasePath = "api/v1/quote-requests";

    public static Command Create(CliContext context) =>
        new("quotes", "Quote requests for work outside the contract: a client requests, the provider quotes, the client accepts or refuses.")
        {
            ListQuotesCommand.Create(context),
            ShowQuoteCommand.Create(context),
            RequestQuoteCommand.Create(context),
            GiveQuoteCommand.Create(context),
            AcceptQuoteCommand.Create(context),
            RefuseQuoteCommand.Create(context),
        };

    public static Argument<Guid> IdArgument() => CommonOptions.Id("The quote request's id (see `iamops quotes list`).");

    public static string NotFound(Guid id) => $"Quote request {id} does not exist or is not visible to you.";

    /// <summary>One quote request as field and value rows; <paramref name="organisation"/> names the client.</summary>
    public static Table Details(JsonNode? q, Func<string, string> organisation) => Tables.Details(
        ("Id", q.Text("id")),
        ("Title", q.Text("title")),
        ("Status", q.Text("status")),
        ("Client", OrganisationLookup.NameAndId(organisation, q.Text("clientOrganisationId"))),
        ("Requested by", q.Text("requestedBy")),
        ("Description", q.Text("description")),
        ("Quote", Amount(q)),
        ("Quote text", q.Text("quoteText")),
        ("Decision reason", q.Text("decisionReason")),
        ("RACI activity", q.Text("activityKey")),
        ("Next steps", q.Text("allowed")),
        ("Created", q.When("createdAt")),
        ("Updated", q.When("updatedAt")));

    /// <summary>The quoted amount with two decimals and its currency, e.g. <c>1250.00 EUR</c>; empty before a quote.</summary>
    public static string Amount(JsonNode? q)
    {
        var amount = q?["quotedAmount"] is JsonValue v && v.TryGetValue<decimal>(out var value)
            ? value.ToString("0.00", CultureInfo.InvariantCulture)
            : q.Text("quotedAmount");
        return $"{amount} {q.Text("currency")}".Trim();
    }

    /// <summary>One quote request as the server's JSON, or as a table naming the client.</summary>
    public static async Task<int> ShowAsync(Invocation run, ApiClient api, JsonNode? quote, CancellationToken ct)
    {
        var organisation = run.IsJson ? null : await OrganisationLookup.NamesAsync(api, ct);
        return run.Show(quote, q => Details(q, organisation!));
    }
}
