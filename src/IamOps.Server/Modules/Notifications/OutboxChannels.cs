using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IamOps.Server.Data;
using IamOps.Server.Modules.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IamOps.Server.Modules.Notifications;

/// <summary>Queues one e-mail outbox row per recipient: the message's explicit addresses, or the recipient party's users.</summary>
internal sealed class EmailOutboxChannel(IamOpsDb db, NotificationTemplates templates, IOptions<NotificationOptions> options, ExternalDelivery external) : INotificationChannel
{
    // Per scope (one request or one sweep): a sweep that records hundreds of breaches asks for the same parties' addresses again and again.
    private readonly Dictionary<(Party, Guid), List<string>> _addresses = [];
    private readonly Dictionary<Guid, string> _clientNames = [];

    public async Task DeliverAsync(NotificationEnvelope notification, CancellationToken ct)
    {
        if (!options.Value.Smtp.Enabled || external.Suppressed)
        {
            return;
        }
        var message = notification.Message;
        var addresses = message.EmailTo is { Count: > 0 } explicitTo
            ? explicitTo.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).ToList()
            : await PartyAddressesAsync(message, notification.At, ct);
        if (addresses.Count == 0)
        {
            return;
        }
        var rendered = templates.Render(message, notification.EventType, await OutboxNames.ClientNameAsync(db, _clientNames, message.ClientOrganisationId, ct));
        foreach (var address in addresses.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            db.Add(new OutboxMessage
            {
                ClientOrganisationId = message.ClientOrganisationId,
                NotificationId = notification.Id,
                Channel = OutboxChannel.Email,
                IdempotencyKey = $"{notification.Id:N}.email.{OutboxNames.ShortHash(address.ToUpperInvariant())}",
                RecipientParty = message.Recipient,
                Destination = address,
                EventType = notification.EventType,
                ActivityKey = message.ActivityKey,
                Subject = Text.Trim(rendered.Subject, 500),
                Body = Text.Trim(rendered.EmailBody, 20000),
                CreatedAt = notification.At,
                NextAttemptAt = notification.At,
            });
        }
    }

    // The recipient party may be the other side of the caller (a client's action informs the provider): look past the tenancy filter.
    private async Task<List<string>> PartyAddressesAsync(NotificationMessage message, DateTimeOffset at, CancellationToken ct)
    {
        var key = (message.Recipient, message.Recipient == Party.Provider ? Guid.Empty : message.ClientOrganisationId);
        if (_addresses.TryGetValue(key, out var known))
        {
            return known;
        }
        var users = db.Users.IgnoreQueryFilters().AsNoTracking().Where(u => u.Email != null && (u.LockoutEnd == null || u.LockoutEnd <= at));
        if (message.Recipient == Party.Provider)
        {
            var roles = options.Value.ProviderEmailRoles;
            users = users.Where(u => u.Party == Party.Provider && roles.Contains(u.Role));
        }
        else
        {
            var roles = options.Value.ClientEmailRoles;
            users = users.Where(u => u.Party == Party.Client && u.OrganisationId == message.ClientOrganisationId && roles.Contains(u.Role));
        }
        var addresses = await users.OrderBy(u => u.Email).Select(u => u.Email!).ToListAsync(ct);
        _addresses[key] = addresses;
        return addresses;
    }
}

/// <summary>Queues one webhook outbox row per subscription of the recipient party that wants the event type.</summary>
internal sealed class WebhookOutboxChannel(IamOpsDb db, NotificationTemplates templates, ExternalDelivery external) : INotificationChannel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Dictionary<Guid, List<WebhookSubscription>> _subscriptions = [];
    private readonly Dictionary<Guid, string> _clientNames = [];

    public async Task DeliverAsync(NotificationEnvelope notification, CancellationToken ct)
    {
        if (external.Suppressed)
        {
            return;
        }
        var message = notification.Message;
        var wanted = (await SubscriptionsAsync(message, ct)).Where(s => s.Wants(notification.EventType)).ToList();
        if (wanted.Count == 0)
        {
            return;
        }
        var clientName = await OutboxNames.ClientNameAsync(db, _clientNames, message.ClientOrganisationId, ct);
        var rendered = templates.Render(message, notification.EventType, clientName);
        foreach (var subscription in wanted)
        {
            var key = $"{notification.Id:N}.webhook.{subscription.Id:N}";
            var payload = new WebhookPayload(key, notification.EventType, notification.At, message.ClientOrganisationId, clientName,
                message.Recipient.ToString(), message.ActivityKey, rendered.Subject, rendered.WebhookText, rendered.Link);
            db.Add(new OutboxMessage
            {
                ClientOrganisationId = message.ClientOrganisationId,
                NotificationId = notification.Id,
                Channel = OutboxChannel.Webhook,
                IdempotencyKey = key,
                RecipientParty = message.Recipient,
                Destination = subscription.Url,
                WebhookSubscriptionId = subscription.Id,
                EventType = notification.EventType,
                ActivityKey = message.ActivityKey,
                Subject = Text.Trim(rendered.Subject, 500),
                Body = JsonSerializer.Serialize(payload, Json),
                CreatedAt = notification.At,
                NextAttemptAt = notification.At,
            });
        }
    }

    // The enabled subscriptions of the recipient party (the provider's, or the client's), read once per scope.
    private async Task<List<WebhookSubscription>> SubscriptionsAsync(NotificationMessage message, CancellationToken ct)
    {
        var key = message.Recipient == Party.Provider ? Guid.Empty : message.ClientOrganisationId;
        if (_subscriptions.TryGetValue(key, out var known))
        {
            return known;
        }
        var subscriptions = db.Set<WebhookSubscription>().IgnoreQueryFilters().AsNoTracking().Where(s => s.Enabled);
        subscriptions = message.Recipient == Party.Provider
            ? subscriptions.Where(s => db.Organisations.IgnoreQueryFilters().Any(o => o.Id == s.ClientOrganisationId && o.Kind == Party.Provider))
            : subscriptions.Where(s => s.ClientOrganisationId == message.ClientOrganisationId);
        var list = await subscriptions.ToListAsync(ct);
        _subscriptions[key] = list;
        return list;
    }
}

/// <summary>The JSON body of a webhook POST; <c>id</c> equals the <c>Idempotency-Key</c> header.</summary>
public sealed record WebhookPayload(
    string Id, string Type, DateTimeOffset OccurredAt, Guid ClientOrganisationId, string ClientName, string RecipientParty,
    string? ActivityKey, string Subject, string Text, string? Link);

internal static class OutboxNames
{
    public static async Task<string> ClientNameAsync(IamOpsDb db, Dictionary<Guid, string> known, Guid clientOrganisationId, CancellationToken ct)
    {
        if (!known.TryGetValue(clientOrganisationId, out var name))
        {
            name = await db.Organisations.IgnoreQueryFilters().AsNoTracking().Where(o => o.Id == clientOrganisationId).Select(o => o.Name)
                .FirstOrDefaultAsync(ct) ?? "unknown client";
            known[clientOrganisationId] = name;
        }
        return name;
    }

    public static string ShortHash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
