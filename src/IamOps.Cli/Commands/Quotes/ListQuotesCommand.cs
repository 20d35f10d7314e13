using System.CommandLine;
using System.Globalization;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Quotes;

/// <summary><c>iamops quotes list</c>.</summary>
public static class ListQuotesCommand
{
    private static readonly string[] Statuses = ["requested", "quoted", "accepted", "refused"];

    public static Command Create(CliContext context)
    {
        var status = new Option<string?>("--status") { Description = "Only requests in this state.", HelpName = string.Join('|', Statuses) };
        status.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } value && !Statuses.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                r.AddError($"--status must be one of {string.Join(", ", Statuses)} (got '{value}').");
            }
        });
        var client = CommonOptions.Organisation("--client", "Only the requests of this client organisation.");
        var page = CommonOptions.Page();
        var pageSize = CommonOptions.PageSize(200);
        var command = new Command("list", "List the quote requests you may see, newest first, one page at a time.") { status, client, page, pageSize };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var query = string.Create(CultureInfo.InvariantCulture, $"{QuotesCommand.BasePath}?page={run.Value(page)}&pageSize={run.Value(pageSize)}");
            if (run.Value(status) is { } wanted)
            {
                // Query-string enums bind by member name (Quoted), whatever the JSON spelling (quoted).
                query += "&status=" + char.ToUpperInvariant(wanted[0]) + wanted[1..].ToLowerInvariant();
            }
            if (await OrganisationLookup.ResolveAsync(api, run.Value(client), ct) is { } clientId)
            {
                query += $"&clientOrganisationId={clientId}";
            }
            var result = await api.GetAsync(query, ct);
            return run.Show(result, r =>
            {
                var table = Tables.Create("Id", "Title", "Status", "Quote", "Requested by", "Updated");
                foreach (var q in r.Items())
                {
                    table.Row(q.Text("id"), q.Text("title"), q.Text("status"), QuotesCommand.Amount(q), q.Text("requestedBy"), q.When("updatedAt"));
                }
                return table.PageCaption(r, "quote requests");
            });
        });
        return command;
    }
}
