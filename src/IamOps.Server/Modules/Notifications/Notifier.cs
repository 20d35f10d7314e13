using IamOps.Server.Data;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Notifications;

/// <summary>Something to tell one party about one client's affairs.</summary>
/// <param name="EventType">What happened, e.g. "incident.opened": picks the template and the webhook subscriptions.</param>
/// <param name="EmailTo">Explicit e-mail addresses (e.g. an escalation contact); otherwise the party's users are addressed.</param>
public sealed record NotificationMessage(
    Guid ClientOrganisationId, Party Recipient, string? ActivityKey, string Subject, string Body, string? Link = null,
    string? EventType = null, IReadOnlyList<string>? EmailTo = null);

/// <summary>One notification on its way to the channels: the message, its id (the root of every delivery's idempotency key) and its time.</summary>
public sealed record NotificationEnvelope(Guid Id, NotificationMessage Message, string EventType, DateTimeOffset At);

/// <summary>Tells parties what happened; modules call this, never a channel directly.</summary>
public interface INotifier
{
    /// <summary>Queues the message on every channel (in-app, and e-mail and webhook outbox rows); all is saved by the caller's next
    /// SaveChangesAsync, in its transaction, so a notification exists exactly when the change it reports does.</summary>
    Task NotifyAsync(NotificationMessage message, CancellationToken ct);

    /// <summary>Notifies every party that holds one of <paramref name="letters"/> (I when none are given) on the activity's row of the
    /// client's contract (the default catalogue when the contract has no such row); returns the parties notified.</summary>
    Task<IReadOnlyList<Party>> NotifyInformedAsync(
        Guid clientOrganisationId, string activityKey, string subject, string body, string? link = null, string? eventType = null,
        IReadOnlyList<RaciLetter>? letters = null, CancellationToken ct = default);
}

/// <summary>One way of delivering notifications: in-app, e-mail or webhook.</summary>
public interface INotificationChannel
{
    Task DeliverAsync(NotificationEnvelope notification, CancellationToken ct);
}

internal sealed class Notifier(IEnumerable<INotificationChannel> channels, IamOpsDb db, TimeProvider clock) : INotifier
{
    public async Task NotifyAsync(NotificationMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var envelope = new NotificationEnvelope(Guid.CreateVersion7(), message,
            string.IsNullOrWhiteSpace(message.EventType) ? NotificationTemplates.DefaultEventType : message.EventType, clock.GetUtcNow());
        foreach (var channel in channels)
        {
            await channel.DeliverAsync(envelope, ct);
        }
    }

    public async Task<IReadOnlyList<Party>> NotifyInformedAsync(
        Guid clientOrganisationId, string activityKey, string subject, string body, string? link = null, string? eventType = null,
        IReadOnlyList<RaciLetter>? letters = null, CancellationToken ct = default)
    {
        var wanted = letters is { Count: > 0 } ? letters : [RaciLetter.I];
        // The matrix decides who is told, whoever triggered the change: read the client's row without the caller's tenancy filter.
        var row = await db.Set<ContractActivity>().IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.ClientOrganisationId == clientOrganisationId && a.Key == activityKey)
            .OrderByDescending(a => a.Id)
            .FirstOrDefaultAsync(ct);
        var view = row is not null ? RaciActivityView.From(row) : RaciCatalogue.Default.FirstOrDefault(a => a.Key == activityKey)
            ?? throw new ArgumentException($"'{activityKey}' is neither on the client's contract nor in the default RACI catalogue.", nameof(activityKey));
        var parties = new[] { Party.Provider, Party.Client }.Where(p => wanted.Any(view.LettersOf(p).Has)).ToList();
        foreach (var party in parties)
        {
            await NotifyAsync(new NotificationMessage(clientOrganisationId, party, activityKey, subject, body, link, eventType), ct);
        }
        return parties;
    }
}

/// <summary>Adds the notification to the database context, so it commits (and is audited) with the change it reports.</summary>
internal sealed class InAppNotificationChannel(IamOpsDb db) : INotificationChannel
{
    public Task DeliverAsync(NotificationEnvelope notification, CancellationToken ct)
    {
        var message = notification.Message;
        db.Add(new Notification
        {
            Id = notification.Id,
            ClientOrganisationId = message.ClientOrganisationId,
            RecipientParty = message.Recipient,
            ActivityKey = message.ActivityKey,
            Subject = Text.Trim(message.Subject, 300),
            Body = Text.Trim(message.Body, 4000),
            Link = message.Link,
            CreatedAt = notification.At,
        });
        return Task.CompletedTask;
    }
}

internal static class Text
{
    public static string Trim(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
