using System.CommandLine;
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

    /// <summary>One quote request as field and value rows.</summary>
    public static Table Details(JsonNode? q) => Tables.Details(
        ("Id", q.Text("id")),
        ("Title", q.Text("title")),
        ("Status", q.Text("status")),
        ("Client", q.Text("clientOrganisationId")),
        ("Requested by", q.Text("requestedBy")),
        ("Description", q.Text("description")),
        ("Quote", Amount(q)),
        ("Quote text", q.Text("quoteText")),
        ("Decision reason", q.Text("decisionReason")),
        ("RACI activity", q.Text("activityKey")),
        ("Next steps", q.Text("allowed")),
        ("Created", q.When("createdAt")),
        ("Updated", q.When("updatedAt")));

    public static string Amount(JsonNode? q) => $"{q.Text("quotedAmount")} {q.Text("currency")}".Trim();

    /// <summary>Shows the server's answer, or a sentence when it answered with no body.</summary>
    public static int ShowChange(Invocation run, JsonNode? answer, string done)
    {
        if (answer is null)
        {
            if (run.IsJson)
            {
                run.WriteJson(new JsonObject { ["result"] = done });
            }
            else
            {
                run.Line(done);
            }
            return ExitCodes.Ok;
        }
        return run.Show(answer, Details);
    }
}
