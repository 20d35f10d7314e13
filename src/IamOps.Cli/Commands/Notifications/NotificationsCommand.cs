using System.CommandLine;
using IamOps.Cli.Infrastructure;

namespace IamOps.Cli.Commands.Notifications;

/// <summary><c>iamops notifications</c>: what your party is told (the I of the matrix) and asked to act on.</summary>
public static class NotificationsCommand
{
    public const string BasePath = "api/v1/notifications";

    public static Command Create(CliContext context) =>
        new("notifications", "In-app notifications to your party: work requested of you, consultations, approvals, quotes, and what you are informed (I) of.")
        {
            ListNotificationsCommand.Create(context),
            ReadNotificationCommand.Create(context),
        };

    /// <summary>The command that shows what a notification is about, from its API link; the link itself otherwise.</summary>
    public static string FollowUp(string link)
    {
        var parts = link.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts is ["api", "v1", var resource, var id] && Guid.TryParse(id, out _)
            ? resource switch
            {
                "interventions" => $"iamops interventions show {id}",
                "quote-requests" => $"iamops quotes show {id}",
                _ => link,
            }
            : link;
    }
}
