using System.Security.Cryptography;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IamOps.Server.Modules.Notifications;

/// <summary>An organisation's HTTPS endpoint that receives its notifications as signed JSON POSTs.</summary>
/// <remarks><see cref="ClientOrganisationId"/> is the owning organisation (a client, or the provider for provider-party notifications).</remarks>
public sealed class WebhookSubscription : ITenantOwned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientOrganisationId { get; set; }

    public required string Url { get; set; }

    public string? Description { get; set; }

    /// <summary>Event types delivered (<c>incident.opened</c>, <c>incident.*</c>, <c>*</c>); empty means every event.</summary>
    public List<string> EventTypes { get; set; } = [];

    public bool Enabled { get; set; } = true;

    /// <summary>The signing secret, encrypted with ASP.NET Core Data Protection; shown once, at creation.</summary>
    [Secret]
    public required string ProtectedSecret { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    /// <summary>True when the subscription wants events of this type.</summary>
    public bool Wants(string eventType) =>
        EventTypes.Count == 0 || EventTypes.Any(pattern => Matches(pattern, eventType));

    private static bool Matches(string pattern, string eventType) =>
        pattern == "*"
        || (pattern.EndsWith(".*", StringComparison.Ordinal) && eventType.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase))
        || string.Equals(pattern, eventType, StringComparison.OrdinalIgnoreCase);
}

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> b)
    {
        b.Property(s => s.Url).HasMaxLength(2000);
        b.Property(s => s.Description).HasMaxLength(500);
        b.Property(s => s.ProtectedSecret).HasMaxLength(2000);
        b.Property(s => s.CreatedBy).HasMaxLength(320);
        b.HasIndex(s => s.ClientOrganisationId);
    }
}

/// <summary>Generates webhook signing secrets and keeps them encrypted at rest with ASP.NET Core Data Protection.</summary>
/// <remarks>The owning organisation is part of the purpose, so a ciphertext copied to another organisation does not decrypt.</remarks>
public sealed class WebhookSecretProtector(IDataProtectionProvider provider)
{
    private const string Purpose = "IamOps.Notifications.WebhookSecret.v1";

    public static string NewSecret() => "whsec_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    public string Protect(Guid organisationId, string secret) => For(organisationId).Protect(secret);

    public string Unprotect(Guid organisationId, string protectedSecret) => For(organisationId).Unprotect(protectedSecret);

    private IDataProtector For(Guid organisationId) => provider.CreateProtector(Purpose, organisationId.ToString());

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>A subscription as the API shows it: never its secret.</summary>
public sealed record WebhookSubscriptionDto(
    Guid Id, Guid OrganisationId, string Url, string? Description, IReadOnlyList<string> EventTypes, bool Enabled, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static WebhookSubscriptionDto From(WebhookSubscription s) =>
        new(s.Id, s.ClientOrganisationId, s.Url, s.Description, s.EventTypes, s.Enabled, s.CreatedAt, s.CreatedBy);
}

/// <summary>The answer to a creation: the only time the signing secret is shown.</summary>
public sealed record CreatedWebhookSubscriptionDto(WebhookSubscriptionDto Subscription, string Secret);
