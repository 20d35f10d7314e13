using IamOps.Server.Modules.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IamOps.Server.Modules.Configuration.Inventory;

public sealed record FilesystemInventory(string Mountpoint, string Device, string FsType, long SizeBytes, long? AvailableBytes);

/// <summary>One server's hardware and system software, from its node_exporter (Error set when it could not be read).</summary>
public sealed record ServerInventory(
    string Source, string? Hostname, string? Os, string? OsVersion, string? Kernel, string? KernelRelease, string? Architecture,
    int Cpus, long? MemoryBytes, IReadOnlyList<FilesystemInventory> Filesystems, string? Error);

public sealed record KeycloakInventory(
    string? Version, IReadOnlyList<string> DisabledFeatures, IReadOnlyList<string> PreviewFeatures, IReadOnlyList<string> ExperimentalFeatures,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Providers, string? Error);

public sealed record PostgresSetting(string Name, string Setting, string? Unit, string Source);

public sealed record PostgresInventory(string? Version, string? ServerVersion, IReadOnlyDictionary<string, string> Extensions, IReadOnlyList<PostgresSetting> Settings, string? Error);

/// <summary>Everything the inventory found on a cluster at one moment.</summary>
public sealed record InventoryContent(IReadOnlyList<ServerInventory> Servers, KeycloakInventory? Keycloak, PostgresInventory? Postgres);

/// <summary>An on-demand inventory of a cluster's servers and system software, kept as history.</summary>
public sealed class InventoryReport : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientOrganisationId { get; set; }

    public Guid ClusterId { get; set; }

    public DateTimeOffset TakenAt { get; set; }

    public string? TakenBy { get; set; }

    /// <summary>Sources that could not be read, one per line (the rest of the inventory is still kept).</summary>
    public string? Problems { get; set; }

    public required string ContentJson { get; set; }
}

internal sealed class InventoryReportConfiguration : IEntityTypeConfiguration<InventoryReport>
{
    public void Configure(EntityTypeBuilder<InventoryReport> b)
    {
        b.Property(r => r.TakenBy).HasMaxLength(320);
        b.Property(r => r.Problems).HasMaxLength(4000);
        b.HasIndex(r => new { r.ClusterId, r.TakenAt });
    }
}

public sealed record InventoryDto(Guid Id, Guid ClusterId, DateTimeOffset TakenAt, string? TakenBy, string? Problems, InventoryContent Content);

public sealed record InventorySummaryDto(Guid Id, Guid ClusterId, DateTimeOffset TakenAt, string? TakenBy, string? Problems);
