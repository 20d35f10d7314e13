using IamOps.Core.KeycloakAudit;
using IamOps.Server.Modules.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IamOps.Server.Modules.Configuration.Audit;

/// <summary>A finding the client's accountable party accepts as a risk, with a reason and usually an expiry.</summary>
public sealed class AcceptedRisk : ITenantOwned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientOrganisationId { get; set; }

    public Guid ClusterId { get; set; }

    public required string Realm { get; set; }

    public required string RuleId { get; set; }

    /// <summary>The finding's JSON path, a prefix ending in *, or null for every finding of the rule in the realm.</summary>
    public string? Path { get; set; }

    public required string Reason { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public required string ApprovedBy { get; set; }

    public DateTimeOffset ApprovedAt { get; set; }

    public Suppression ToSuppression() => new(RuleId, Path, Realm, Reason, ExpiresAt, ApprovedBy);
}

internal sealed class AcceptedRiskConfiguration : IEntityTypeConfiguration<AcceptedRisk>
{
    public void Configure(EntityTypeBuilder<AcceptedRisk> b)
    {
        b.Property(r => r.Realm).HasMaxLength(255);
        b.Property(r => r.RuleId).HasMaxLength(64);
        b.Property(r => r.Path).HasMaxLength(1000);
        b.Property(r => r.Reason).HasMaxLength(2000);
        b.Property(r => r.ApprovedBy).HasMaxLength(320);
        b.HasIndex(r => new { r.ClusterId, r.Realm });
    }
}

public sealed record AcceptedRiskDto(Guid Id, string Realm, string RuleId, string? Path, string Reason, DateTimeOffset? ExpiresAt, string ApprovedBy, DateTimeOffset ApprovedAt)
{
    public static AcceptedRiskDto From(AcceptedRisk r) => new(r.Id, r.Realm, r.RuleId, r.Path, r.Reason, r.ExpiresAt, r.ApprovedBy, r.ApprovedAt);
}
