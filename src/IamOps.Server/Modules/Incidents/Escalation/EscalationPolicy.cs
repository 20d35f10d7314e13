using System.Text.Json.Serialization;
using IamOps.Server.Data;
using IamOps.Server.Modules.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IamOps.Server.Modules.Incidents.Escalation;

public enum EscalationTarget
{
    [JsonStringEnumMemberName("on-call")] OnCall,
    [JsonStringEnumMemberName("client-contacts")] ClientContacts,
    [JsonStringEnumMemberName("role")] Role,
}

/// <summary>Who is told, and when, about an incident nobody has acknowledged yet.</summary>
public sealed class EscalationPolicy : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    /// <summary>The severities it applies to, e.g. "P1,P2".</summary>
    public required string Severities { get; set; }

    /// <summary>The steps, in firing order (delays ascending).</summary>
    public List<EscalationStep> Steps { get; set; } = [];

    public bool AppliesTo(IncidentSeverity severity) =>
        Severities.Split(',', StringSplitOptions.TrimEntries).Contains(severity.ToString(), StringComparer.OrdinalIgnoreCase);
}

/// <summary>One step: after <see cref="DelayMinutes"/> from the opening, tell the target.</summary>
public sealed class EscalationStep
{
    public int DelayMinutes { get; set; }

    public EscalationTarget Target { get; set; }

    /// <summary>The provider role told by a <see cref="EscalationTarget.Role"/> step.</summary>
    public string? Role { get; set; }

    /// <summary>The rotation of an <see cref="EscalationTarget.OnCall"/> step (the first rotation by name when null).</summary>
    public Guid? RotationId { get; set; }
}

internal sealed class EscalationPolicyConfiguration : IEntityTypeConfiguration<EscalationPolicy>
{
    public void Configure(EntityTypeBuilder<EscalationPolicy> b)
    {
        b.Property(p => p.Name).HasMaxLength(100);
        b.HasIndex(p => p.Name).IsUnique();
        b.Property(p => p.Severities).HasMaxLength(32);
        b.OwnsMany(p => p.Steps, s =>
        {
            s.ToJson();
            s.Property(x => x.Target).HasConversion<string>();
        });
    }
}

internal static class EscalationPolicyLookup
{
    /// <summary>The policy for a severity: the first by name among those that apply.</summary>
    public static async Task<EscalationPolicy?> ForSeverityAsync(IamOpsDb db, IncidentSeverity severity, CancellationToken ct)
    {
        var policies = await db.Set<EscalationPolicy>().AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct);
        return policies.FirstOrDefault(p => p.AppliesTo(severity));
    }
}
