using IamOps.Server.Modules.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IamOps.Server.Modules.Backups;

/// <summary>What the client needs from backups of one cluster (client R).</summary>
public sealed class BackupNeeds : ITenantOwned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientOrganisationId { get; set; }

    public Guid ClusterId { get; set; }

    /// <summary>Recovery point objective: the most data, in time, the client accepts to lose.</summary>
    public TimeSpan Rpo { get; set; }

    /// <summary>Recovery time objective: how long a restore may take.</summary>
    public TimeSpan Rto { get; set; }

    public int RetentionDays { get; set; }

    /// <summary>How many copies of each backup the client wants kept.</summary>
    public int Copies { get; set; } = 1;

    public DateTimeOffset UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }
}

public enum BackupMethod
{
    Logical,
    Physical,
}

/// <summary>Checksum of each file of a logical backup's manifest (as pg_basebackup's --manifest-checksums).</summary>
public enum ManifestChecksum
{
    /// <summary>XXH128: detects corruption and truncation at memory speed (some 7 GB/s here, against 1.5 GB/s for SHA-256).</summary>
    Xxh128,

    /// <summary>SHA-256: also tamper-evident, as long as the manifest (kept in IamOps' database) is out of the attacker's reach.</summary>
    Sha256,
}

public enum PhysicalBackupType
{
    Full,
    Diff,
    Incr,
}

public enum ClientPriority
{
    Low,
    Normal,
    High,
    Critical,
}

/// <summary>How one cluster is backed up (provider R, client C + I); every change is audited and announced.</summary>
public sealed class BackupPolicy : ITenantOwned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientOrganisationId { get; set; }

    public Guid ClusterId { get; set; }

    public BackupMethod Method { get; set; }

    /// <summary>Cron (5 fields Unix, or 6–7 fields Quartz with seconds) in <see cref="TimeZone"/>.</summary>
    public required string Schedule { get; set; }

    /// <summary>IANA zone of the contract, in which the schedule is read.</summary>
    public required string TimeZone { get; set; }

    public int RetainCount { get; set; }

    public int RetainDays { get; set; }

    /// <summary>Encrypt physical backups in the repository (aes-256-cbc, key held by IamOps).</summary>
    public bool Encrypted { get; set; }

    /// <summary>Verify every Nth backup by restoring it (1 = every backup).</summary>
    public int VerifyEvery { get; set; } = 1;

    public int ParallelJobs { get; set; } = 2;

    /// <summary>pg_dump compression level (0–9).</summary>
    public int CompressionLevel { get; set; } = 1;

    /// <summary>Checksum recorded for every file of a logical backup and checked before its verification restore.</summary>
    public ManifestChecksum Checksum { get; set; } = ManifestChecksum.Xxh128;

    public PhysicalBackupType PhysicalType { get; set; } = PhysicalBackupType.Full;

    /// <summary>The database server's data directory on this host (pgBackRest pg1-path), for physical backups.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Repository cipher passphrase, encrypted with Data Protection.</summary>
    [Secret]
    public string? ProtectedCipherPass { get; set; }

    public int Version { get; set; } = 1;

    /// <summary>The client's priority for the last schedule change.</summary>
    public ClientPriority ClientPriority { get; set; } = ClientPriority.Normal;

    /// <summary>Change or request reference of the last change.</summary>
    public string? ChangeReference { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }

    /// <summary>The pgBackRest stanza of the cluster.</summary>
    public string Stanza => $"iamops-{ClusterId:N}";
}

public enum BackupStatus
{
    Running,
    Succeeded,
    Failed,
    Interrupted,
}

public enum VerificationStatus
{
    NotVerified,
    Verifying,
    Verified,
    VerificationFailed,
}

public enum BackupTrigger
{
    Manual,
    Scheduled,
}

/// <summary>One backup attempt and what became of it.</summary>
public sealed class BackupRun : ITenantOwned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientOrganisationId { get; set; }

    public Guid ClusterId { get; set; }

    public Guid? PolicyId { get; set; }

    public int PolicyVersion { get; set; }

    public BackupMethod Method { get; set; }

    public PhysicalBackupType? PhysicalType { get; set; }

    public BackupTrigger Trigger { get; set; }

    /// <summary>The scheduler's fire time for scheduled runs: unique per policy, so no fire time runs twice.</summary>
    public DateTimeOffset? ScheduledFor { get; set; }

    public BackupStatus Status { get; set; } = BackupStatus.Running;

    public VerificationStatus Verification { get; set; } = VerificationStatus.NotVerified;

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public long? DurationMs { get; set; }

    /// <summary>Artifact directory (logical) or pgBackRest backup label (physical).</summary>
    public string? Artifact { get; set; }

    public long? SizeBytes { get; set; }

    /// <summary>JSON: file → size and XXH128 or SHA-256 (logical), or the pgBackRest backup.manifest digest (physical).</summary>
    public string? Manifest { get; set; }

    /// <summary>JSON: row counts and constraint count of the Keycloak tables at backup time.</summary>
    public string? Counts { get; set; }

    /// <summary>The tool's output (stdout and stderr), tail kept.</summary>
    public string? Output { get; set; }

    public string? FailureReason { get; set; }

    public DateTimeOffset? VerifiedAt { get; set; }

    public long? RestoreDurationMs { get; set; }

    public string? VerificationDetail { get; set; }

    /// <summary>Removed by retention (artifact deleted).</summary>
    public DateTimeOffset? ExpiredAt { get; set; }

    /// <summary>Which IamOps instance ran it.</summary>
    public string? Instance { get; set; }

    public required string StartedBy { get; set; }
}

public enum RestoreStatus
{
    Planned,
    Running,
    Succeeded,
    Failed,
    Interrupted,
}

/// <summary>A restore of a cluster's backup (or point in time) into a new database or instance.</summary>
public sealed class RestoreRun : ITenantOwned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientOrganisationId { get; set; }

    public Guid ClusterId { get; set; }

    public Guid? BackupRunId { get; set; }

    public DateTimeOffset? TargetTime { get; set; }

    /// <summary>The incident or change this restore is done for.</summary>
    public required string Reference { get; set; }

    public RestoreStatus Status { get; set; }

    public required string Plan { get; set; }

    /// <summary>Where the data was restored: database name, or instance directory and port.</summary>
    public string? Target { get; set; }

    /// <summary>The database a logical restore created on the source server (dropped when released).</summary>
    public string? RestoredDatabase { get; set; }

    /// <summary>The directory of the instance a physical restore started (stopped and removed when released).</summary>
    public string? InstanceDirectory { get; set; }

    /// <summary>When what the restore created was dropped or stopped, and by whom.</summary>
    public DateTimeOffset? ReleasedAt { get; set; }

    public string? ReleasedBy { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public long? DurationMs { get; set; }

    public string? Output { get; set; }

    public string? FailureReason { get; set; }

    public required string RequestedBy { get; set; }
}

/// <summary>A generated backup and restore procedure of one cluster, one row per version.</summary>
public sealed class BackupProcedure : ITenantOwned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientOrganisationId { get; set; }

    public Guid ClusterId { get; set; }

    public int Version { get; set; }

    public required string Markdown { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class BackupNeedsConfiguration : IEntityTypeConfiguration<BackupNeeds>
{
    public void Configure(EntityTypeBuilder<BackupNeeds> b)
    {
        b.HasIndex(n => n.ClusterId).IsUnique();
        b.Property(n => n.UpdatedBy).HasMaxLength(320);
    }
}

internal sealed class BackupPolicyConfiguration : IEntityTypeConfiguration<BackupPolicy>
{
    public void Configure(EntityTypeBuilder<BackupPolicy> b)
    {
        b.HasIndex(p => p.ClusterId).IsUnique();
        b.Property(p => p.Method).HasConversion<string>().HasMaxLength(16);
        b.Property(p => p.PhysicalType).HasConversion<string>().HasMaxLength(8);
        b.Property(p => p.Checksum).HasConversion<string>().HasMaxLength(8);
        b.Property(p => p.ClientPriority).HasConversion<string>().HasMaxLength(16);
        b.Property(p => p.Schedule).HasMaxLength(120);
        b.Property(p => p.TimeZone).HasMaxLength(64);
        b.Property(p => p.DataDirectory).HasMaxLength(500);
        b.Property(p => p.ProtectedCipherPass).HasMaxLength(2000);
        b.Property(p => p.ChangeReference).HasMaxLength(200);
        b.Property(p => p.UpdatedBy).HasMaxLength(320);
        b.Ignore(p => p.Stanza);
    }
}

internal sealed class BackupRunConfiguration : IEntityTypeConfiguration<BackupRun>
{
    public void Configure(EntityTypeBuilder<BackupRun> b)
    {
        b.Property(r => r.Method).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.PhysicalType).HasConversion<string>().HasMaxLength(8);
        b.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Verification).HasConversion<string>().HasMaxLength(24);
        b.Property(r => r.Artifact).HasMaxLength(1000);
        b.Property(r => r.FailureReason).HasMaxLength(4000);
        b.Property(r => r.VerificationDetail).HasMaxLength(4000);
        b.Property(r => r.Instance).HasMaxLength(200);
        b.Property(r => r.StartedBy).HasMaxLength(320);
        b.HasIndex(r => new { r.ClusterId, r.StartedAt });
        b.HasIndex(r => r.Status);
        // Second guard behind Quartz's DisallowConcurrentExecution: one run per (policy, fire time), whichever instance fires it.
        b.HasIndex(r => new { r.PolicyId, r.ScheduledFor }).IsUnique();
    }
}

internal sealed class RestoreRunConfiguration : IEntityTypeConfiguration<RestoreRun>
{
    public void Configure(EntityTypeBuilder<RestoreRun> b)
    {
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Reference).HasMaxLength(200);
        b.Property(r => r.Target).HasMaxLength(1000);
        b.Property(r => r.RestoredDatabase).HasMaxLength(200);
        b.Property(r => r.InstanceDirectory).HasMaxLength(1000);
        b.Property(r => r.ReleasedBy).HasMaxLength(320);
        b.Property(r => r.FailureReason).HasMaxLength(4000);
        b.Property(r => r.RequestedBy).HasMaxLength(320);
        b.HasIndex(r => new { r.ClusterId, r.StartedAt });
    }
}

internal sealed class BackupProcedureConfiguration : IEntityTypeConfiguration<BackupProcedure>
{
    public void Configure(EntityTypeBuilder<BackupProcedure> b) => b.HasIndex(p => new { p.ClusterId, p.Version }).IsUnique();
}
