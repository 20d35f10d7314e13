using System.CommandLine;
using System.Globalization;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Quotes;

/// <summary><c>iamops quotes list</c>.</summary>
public static class ListQuotesCommand
{
    public static Command Create(CliContext context)
    {
        var page = CommonOptions.Page();
        var pageSize = CommonOptions.PageSize(200);
        var command = new Command("list", "List the quote requests you may see, one page at a time.") { page, pageSize };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var result = await api.GetAsync(string.Create(CultureInfo.InvariantCulture,
                $"{QuotesCommand.BasePath}?page={run.Value(page)}&pageSize={run.Value(pageSize)}"), ct);
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
