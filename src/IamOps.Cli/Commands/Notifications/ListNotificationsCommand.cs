using System.CommandLine;
using System.Globalization;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Notifications;

/// <summary><c>iamops notifications list [--unread]</c>.</summary>
public static class ListNotificationsCommand
{
    public static Command Create(CliContext context)
    {
        var unread = new Option<bool>("--unread") { Description = "Only the notifications nobody of your party has read yet." };
        var client = CommonOptions.Organisation("--client", "Only the notifications about this client organisation (provider staff).");
        var page = CommonOptions.Page();
        var pageSize = CommonOptions.PageSize(200);
        var command = new Command("list", "List your party's notifications, newest first; `iamops notifications read ID` shows one and marks it read.")
        {
            unread, client, page, pageSize,
        };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var query = string.Create(CultureInfo.InvariantCulture, $"{NotificationsCommand.BasePath}?page={run.Value(page)}&pageSize={run.Value(pageSize)}");
            if (run.Value(unread))
            {
                query += "&unread=true";
            }
            if (await OrganisationLookup.ResolveAsync(api, run.Value(client), ct) is { } clientId)
            {
                query += $"&clientOrganisationId={clientId}";
            }
            var result = await api.GetAsync(query, ct);
            return run.Show(result, r =>
            {
                var table = Tables.Create("Id", "At", "Subject", "Read");
                foreach (var n in r.Items())
                {
                    table.Row(n.Text("id"), n.When("createdAt"), n.Text("subject"), n.Text("readAt").Length == 0 ? "unread" : n.When("readAt"));
                }
                return table.PageCaption(r, run.Value(unread) ? "unread notifications" : "notifications");
            });
        });
        return command;
    }
}
