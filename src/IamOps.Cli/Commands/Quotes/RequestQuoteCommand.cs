using System.CommandLine;
using System.Text.Json.Nodes;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Quotes;

/// <summary><c>iamops quotes request</c>: a client asks the provider for a quote.</summary>
public static class RequestQuoteCommand
{
    public static Command Create(CliContext context)
    {
        var title = new Option<string>("--title") { Description = "A short title for the work wanted.", HelpName = "TEXT", Required = true }.NotBlank();
        var description = new Option<string>("--description") { Description = "What is wanted, in enough detail to quote it.", HelpName = "TEXT", Required = true }.NotBlank();
        var client = CommonOptions.Organisation("--client", "The client the request is for (provider staff only; a client requests for itself).");
        var command = new Command("request", "Request a quote for work the contract does not cover.") { title, description, client };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var body = new JsonObject
            {
                ["title"] = run.Value(title)!.Trim(),
                ["description"] = run.Value(description)!.Trim(),
            };
            if (await OrganisationLookup.ResolveAsync(api, run.Value(client), ct) is { } clientId)
            {
                body["clientOrganisationId"] = clientId.ToString();
            }
            var created = await api.PostAsync(QuotesCommand.BasePath, body, ct);
            return await QuotesCommand.ShowAsync(run, api, created, ct);
        });
        return command;
    }
}
