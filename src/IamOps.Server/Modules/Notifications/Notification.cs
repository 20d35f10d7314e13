using IamOps.Server.Modules.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IamOps.Server.Modules.Notifications;

/// <summary>An in-app notification to one party about one client's affairs (the I of the matrix, and requests for action).</summary>
public sealed class Notification : ITenantOwned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The client concerned; provider notifications carry it too.</summary>
    public Guid ClientOrganisationId { get; set; }

    public Party RecipientParty { get; set; }

    public string? ActivityKey { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    /// <summary>API path of the thing the notification is about.</summary>
    public string? Link { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }

    public string? ReadBy { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.Property(n => n.RecipientParty).HasConversion<string>().HasMaxLength(16);
        b.Property(n => n.ActivityKey).HasMaxLength(200);
        b.Property(n => n.Subject).HasMaxLength(300);
        b.Property(n => n.Body).HasMaxLength(4000);
        b.Property(n => n.Link).HasMaxLength(500);
        b.Property(n => n.ReadBy).HasMaxLength(320);
        b.HasIndex(n => new { n.ClientOrganisationId, n.RecipientParty, n.CreatedAt });
        b.HasIndex(n => new { n.RecipientParty, n.CreatedAt });
    }
}

public sealed record NotificationDto(
    Guid Id, Guid ClientOrganisationId, Party RecipientParty, string? ActivityKey, string Subject, string Body, string? Link,
    DateTimeOffset CreatedAt, DateTimeOffset? ReadAt, string? ReadBy)
{
    public static NotificationDto From(Notification n) =>
        new(n.Id, n.ClientOrganisationId, n.RecipientParty, n.ActivityKey, n.Subject, n.Body, n.Link, n.CreatedAt, n.ReadAt, n.ReadBy);
}
