using IamOps.Server.Data;
using IamOps.Server.Modules.Platform;

namespace IamOps.Server.Modules.Notifications;

/// <summary>Something to tell one party about one client's affairs.</summary>
/// <param name="EventType">What happened, e.g. "incident.opened": picks the template and the webhook subscriptions.</param>
/// <param name="EmailTo">Explicit e-mail addresses (e.g. an escalation contact); otherwise the party's users are addressed.</param>
public sealed record NotificationMessage(
    Guid ClientOrganisationId, Party Recipient, string? ActivityKey, string Subject, string Body, string? Link = null,
    string? EventType = null, IReadOnlyList<string>? EmailTo = null);

/// <summary>Tells parties what happened; modules call this, never a channel directly.</summary>
public interface INotifier
{
    /// <summary>Queues the message on every channel; in-app notifications are saved by the caller's next SaveChangesAsync, in its transaction.</summary>
    Task NotifyAsync(NotificationMessage message, CancellationToken ct);
}

/// <summary>One way of delivering notifications (in-app today; e-mail and webhooks can be added as further channels).</summary>
public interface INotificationChannel
{
    Task DeliverAsync(NotificationMessage message, CancellationToken ct);
}

internal sealed class Notifier(IEnumerable<INotificationChannel> channels) : INotifier
{
    public async Task NotifyAsync(NotificationMessage message, CancellationToken ct)
    {
        foreach (var channel in channels)
        {
            await channel.DeliverAsync(message, ct);
        }
    }
}

/// <summary>Adds the notification to the database context, so it commits (and is audited) with the change it reports.</summary>
internal sealed class InAppNotificationChannel(IamOpsDb db, TimeProvider clock) : INotificationChannel
{
    public Task DeliverAsync(NotificationMessage message, CancellationToken ct)
    {
        db.Add(new Notification
        {
            ClientOrganisationId = message.ClientOrganisationId,
            RecipientParty = message.Recipient,
            ActivityKey = message.ActivityKey,
            Subject = Trim(message.Subject, 300),
            Body = Trim(message.Body, 4000),
            Link = message.Link,
            CreatedAt = clock.GetUtcNow(),
        });
        return Task.CompletedTask;
    }

    private static string Trim(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
