using IamOps.Server.Modules.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IamOps.Server.Modules.Incidents;

/// <summary>An incident on one or more of a client's clusters.</summary>
public sealed class Incident : ITenantOwned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientOrganisationId { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public IncidentSeverity Severity { get; set; }

    public IncidentStatus Status { get; set; } = IncidentStatus.New;

    public IncidentSource Source { get; set; }

    /// <summary>The clusters concerned.</summary>
    public List<Guid> ClusterIds { get; set; } = [];

    public bool UsersAffected { get; set; }

    /// <summary>What the incident is linked to (alerts, change requests, backups).</summary>
    public List<IncidentLink> Links { get; set; } = [];

    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>E-mail of the user who opened it, or "system".</summary>
    public required string OpenedBy { get; set; }
}

public enum IncidentSeverity
{
    P1,
    P2,
    P3,
    P4,
}

public enum IncidentStatus
{
    New,
    Acknowledged,
    InProgress,
    WaitingOnClient,
    Resolved,
    Closed,
}

public enum IncidentSource
{
    AlertGroup,
    ClientReport,
    UrgentChange,
    Provider,
}

public enum IncidentLinkKind
{
    Alert,
    ChangeRequest,
    Backup,
}

/// <summary>A link from an incident to the thing that caused or concerns it.</summary>
public sealed record IncidentLink(IncidentLinkKind Kind, string Reference);

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> b)
    {
        b.Property(i => i.Title).HasMaxLength(300);
        b.Property(i => i.Description).HasMaxLength(8000);
        b.Property(i => i.Severity).HasConversion<string>().HasMaxLength(8);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(32);
        b.Property(i => i.Source).HasConversion<string>().HasMaxLength(32);
        b.Property(i => i.OpenedBy).HasMaxLength(320);
        b.OwnsMany(i => i.Links, l =>
        {
            l.ToJson();
            l.Property(x => x.Kind).HasConversion<string>();
        });
        b.HasIndex(i => new { i.ClientOrganisationId, i.Status, i.OpenedAt });
    }
}
