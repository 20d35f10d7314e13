using System.CommandLine;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Notifications;

/// <summary><c>iamops notifications read ID</c>: shows one notification in full and marks it read for your party.</summary>
public static class ReadNotificationCommand
{
    public static Command Create(CliContext context)
    {
        var id = CommonOptions.Id("The notification's id (see `iamops notifications list`).");
        var command = new Command("read", "Show a notification in full and mark it read for your party.") { id };
        context.SetAction(command, async (run, ct) =>
        {
            using var api = run.Connect();
            var notificationId = run.Value(id);
            var notification = await api.PostAsync($"{NotificationsCommand.BasePath}/{notificationId}/read", null, ct,
                $"Notification {notificationId} does not exist or is not addressed to your party.");
            return run.Show(notification, n => Tables.Details(
                ("Id", n.Text("id")),
                ("Subject", n.Text("subject")),
                ("Message", n.Text("body")),
                ("RACI activity", n.Text("activityKey")),
                ("About", n.Text("link").Length == 0 ? "" : NotificationsCommand.FollowUp(n.Text("link"))),
                ("At", n.When("createdAt")),
                ("Read", $"{n.When("readAt")} by {n.Text("readBy")}")));
        });
        return command;
    }
}
