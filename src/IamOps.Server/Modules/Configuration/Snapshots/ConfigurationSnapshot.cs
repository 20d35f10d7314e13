using IamOps.Server.Modules.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IamOps.Server.Modules.Configuration.Snapshots;

public enum SnapshotStatus
{
    /// <summary>A new version: the content differs from the previous version.</summary>
    Succeeded,

    /// <summary>Read successfully, same content as the current version (no content stored again).</summary>
    Unchanged,

    Failed,
}

public enum SnapshotTrigger
{
    OnDemand,
    Scheduled,
}

/// <summary>One reading of one realm's configuration: a new version when it changed, or the reason it could not be read.</summary>
public sealed class ConfigurationSnapshot : ITenantOwned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientOrganisationId { get; set; }

    public Guid ClusterId { get; set; }

    /// <summary>Realm name, or "*" when the failure happened before any realm could be listed.</summary>
    public required string Realm { get; set; }

    /// <summary>1, 2, 3… per cluster and realm for new versions; the current version for unchanged readings; null for failures.</summary>
    public int? Version { get; set; }

    public SnapshotStatus Status { get; set; }

    public SnapshotTrigger Trigger { get; set; }

    public DateTimeOffset TakenAt { get; set; }

    public string? TakenBy { get; set; }

    /// <summary>SHA-256 (hex) of the canonical, redacted content.</summary>
    public string? Sha256 { get; set; }

    public int? ChangeCount { get; set; }

    /// <summary>Why the reading failed, in Keycloak's and IamOps's words.</summary>
    public string? Error { get; set; }

    /// <summary>HTTP status Keycloak answered on failure (null for a timeout or unreachable server).</summary>
    public int? ErrorStatus { get; set; }

    /// <summary>Approved change requests whose window covers the changes since the previous version ("id: title" lines).</summary>
    public string? ApprovedChanges { get; set; }
}

/// <summary>The redacted configuration document of a successful snapshot, kept apart so lists and the audit trail stay small.</summary>
public sealed class ConfigurationSnapshotContent : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid ClientOrganisationId { get; set; }

    public required string Json { get; set; }
}

/// <summary>Changes between two consecutive versions that no approved change request covers.</summary>
public sealed class ConfigurationDrift : ITenantOwned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientOrganisationId { get; set; }

    public Guid ClusterId { get; set; }

    public required string Realm { get; set; }

    public Guid FromSnapshotId { get; set; }

    public Guid ToSnapshotId { get; set; }

    public DateTimeOffset DetectedAt { get; set; }

    public int ChangeCount { get; set; }

    /// <summary>The first changed paths, for lists and notifications.</summary>
    public required string Summary { get; set; }
}

internal sealed class ConfigurationSnapshotConfiguration : IEntityTypeConfiguration<ConfigurationSnapshot>
{
    public void Configure(EntityTypeBuilder<ConfigurationSnapshot> b)
    {
        b.Property(s => s.Realm).HasMaxLength(255);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.Trigger).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.TakenBy).HasMaxLength(320);
        b.Property(s => s.Sha256).HasMaxLength(64);
        b.Property(s => s.Error).HasMaxLength(2000);
        b.Property(s => s.ApprovedChanges).HasMaxLength(2000);
        b.HasIndex(s => new { s.ClusterId, s.Realm, s.TakenAt });
        b.HasIndex(s => new { s.ClusterId, s.Realm, s.Version });
    }
}

internal sealed class ConfigurationSnapshotContentConfiguration : IEntityTypeConfiguration<ConfigurationSnapshotContent>
{
    public void Configure(EntityTypeBuilder<ConfigurationSnapshotContent> b)
    {
        b.Property(c => c.Id).ValueGeneratedNever();
        b.HasOne<ConfigurationSnapshot>().WithOne().HasForeignKey<ConfigurationSnapshotContent>(c => c.Id).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConfigurationDriftConfiguration : IEntityTypeConfiguration<ConfigurationDrift>
{
    public void Configure(EntityTypeBuilder<ConfigurationDrift> b)
    {
        b.Property(d => d.Realm).HasMaxLength(255);
        b.Property(d => d.Summary).HasMaxLength(4000);
        b.HasIndex(d => new { d.ClusterId, d.Realm, d.DetectedAt });
    }
}

public sealed record SnapshotDto(
    Guid Id, Guid ClusterId, string Realm, int? Version, SnapshotStatus Status, SnapshotTrigger Trigger, DateTimeOffset TakenAt,
    string? TakenBy, string? Sha256, int? ChangeCount, string? Error, int? ErrorStatus, string? ApprovedChanges)
{
    public static SnapshotDto From(ConfigurationSnapshot s) => new(
        s.Id, s.ClusterId, s.Realm, s.Version, s.Status, s.Trigger, s.TakenAt, s.TakenBy, s.Sha256, s.ChangeCount, s.Error, s.ErrorStatus,
        s.ApprovedChanges);
}

public sealed record DriftDto(Guid Id, Guid ClusterId, string Realm, Guid FromSnapshotId, Guid ToSnapshotId, DateTimeOffset DetectedAt, int ChangeCount, string Summary)
{
    public static DriftDto From(ConfigurationDrift d) => new(d.Id, d.ClusterId, d.Realm, d.FromSnapshotId, d.ToSnapshotId, d.DetectedAt, d.ChangeCount, d.Summary);
}
