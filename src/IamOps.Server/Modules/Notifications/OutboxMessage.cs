using IamOps.Server.Modules.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IamOps.Server.Modules.Notifications;

/// <summary>One delivery (a channel and a recipient) of one notification, written in the transaction of the change it reports.</summary>
public sealed class OutboxMessage : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The client whose affairs the notification is about.</summary>
    public Guid ClientOrganisationId { get; set; }

    /// <summary>The notification this delivery belongs to (shared by every delivery of one NotifyAsync call).</summary>
    public Guid NotificationId { get; set; }

    public OutboxChannel Channel { get; set; }

    /// <summary>Stable across retries and restarts: the e-mail's Message-Id and the webhook's Idempotency-Key.</summary>
    public required string IdempotencyKey { get; set; }

    public Party RecipientParty { get; set; }

    /// <summary>The e-mail address, or the webhook URL at the time of the notification.</summary>
    public required string Destination { get; set; }

    public Guid? WebhookSubscriptionId { get; set; }

    public required string EventType { get; set; }

    public string? ActivityKey { get; set; }

    /// <summary>The rendered subject (e-mail subject; webhook payload's subject).</summary>
    public required string Subject { get; set; }

    /// <summary>The rendered e-mail text, or the webhook's JSON body (sent byte for byte on every attempt).</summary>
    public required string Body { get; set; }

    public OutboxState State { get; set; } = OutboxState.Pending;

    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>Until when a dispatcher holds this row; another dispatcher may take it over once it has passed.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>The claim of the dispatcher holding the row; a concurrency token, so a dispatcher whose lease was taken over cannot overwrite the new holder's result.</summary>
    public Guid? LeaseToken { get; set; }
}

public enum OutboxChannel
{
    Email,
    Webhook,
}

public enum OutboxState
{
    Pending,
    Delivered,
    Dead,
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.Property(m => m.Channel).HasConversion<string>().HasMaxLength(16);
        b.Property(m => m.State).HasConversion<string>().HasMaxLength(16);
        b.Property(m => m.RecipientParty).HasConversion<string>().HasMaxLength(16);
        b.Property(m => m.IdempotencyKey).HasMaxLength(100);
        b.Property(m => m.Destination).HasMaxLength(2000);
        b.Property(m => m.EventType).HasMaxLength(100);
        b.Property(m => m.ActivityKey).HasMaxLength(200);
        b.Property(m => m.Subject).HasMaxLength(500);
        b.Property(m => m.Body).HasMaxLength(20000);
        b.Property(m => m.LastError).HasMaxLength(2000);
        b.Property(m => m.LeaseToken).IsConcurrencyToken();
        b.HasIndex(m => m.IdempotencyKey).IsUnique();
        b.HasIndex(m => new { m.State, m.NextAttemptAt });
        b.HasIndex(m => new { m.ClientOrganisationId, m.State, m.CreatedAt });
    }
}

public sealed record OutboxMessageDto(
    Guid Id, Guid ClientOrganisationId, Guid NotificationId, OutboxChannel Channel, string IdempotencyKey, Party RecipientParty,
    string Destination, Guid? WebhookSubscriptionId, string EventType, string? ActivityKey, string Subject, OutboxState State, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? DeliveredAt, string? LastError)
{
    public static OutboxMessageDto From(OutboxMessage m) => new(
        m.Id, m.ClientOrganisationId, m.NotificationId, m.Channel, m.IdempotencyKey, m.RecipientParty, m.Destination, m.WebhookSubscriptionId,
        m.EventType, m.ActivityKey, m.Subject, m.State, m.Attempts, m.CreatedAt, m.NextAttemptAt, m.LastAttemptAt, m.DeliveredAt, m.LastError);
}
