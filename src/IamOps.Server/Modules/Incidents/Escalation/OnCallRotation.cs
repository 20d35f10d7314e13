using IamOps.Server.Modules.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using NodaTime.Extensions;

namespace IamOps.Server.Modules.Incidents.Escalation;

/// <summary>The provider's weekly on-call rotation: members take turns from one handover to the next, overrides win.</summary>
public sealed class OnCallRotation : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public required string TimeZone { get; set; }

    /// <summary>The date of the first handover (to the first member).</summary>
    public DateOnly StartsOn { get; set; }

    /// <summary>Local time of the weekly handover, on the weekday of <see cref="StartsOn"/>.</summary>
    public TimeOnly HandoverAt { get; set; }

    /// <summary>E-mail addresses of the members, in turn order.</summary>
    public List<string> Members { get; set; } = [];

    public List<OnCallOverride> Overrides { get; set; } = [];

    /// <summary>Who is on call at <paramref name="at"/>: an override covering it, else the member whose week it is.</summary>
    public string? OnCallAt(DateTimeOffset at)
    {
        if (Overrides.FirstOrDefault(o => o.From <= at && at < o.To) is { } cover)
        {
            return cover.Email;
        }
        if (Members.Count == 0 || DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone) is not { } zone)
        {
            return null;
        }
        var local = at.ToInstant().InZone(zone).LocalDateTime;
        var first = new LocalDate(StartsOn.Year, StartsOn.Month, StartsOn.Day) + LocalTime.FromTicksSinceMidnight(HandoverAt.Ticks);
        if (local < first)
        {
            return null;
        }
        // Whole weeks counted on local dates and times, so a 23- or 25-hour day does not move the handover.
        var weeks = Period.Between(first, local, PeriodUnits.Weeks).Weeks;
        return Members[(int)(weeks % Members.Count)];
    }
}

/// <summary>Someone covering the rotation from one instant to another.</summary>
public sealed class OnCallOverride
{
    public required string Email { get; set; }

    public DateTimeOffset From { get; set; }

    public DateTimeOffset To { get; set; }
}

internal sealed class OnCallRotationConfiguration : IEntityTypeConfiguration<OnCallRotation>
{
    public void Configure(EntityTypeBuilder<OnCallRotation> b)
    {
        b.Property(r => r.Name).HasMaxLength(100);
        b.HasIndex(r => r.Name).IsUnique();
        b.Property(r => r.TimeZone).HasMaxLength(64);
        b.OwnsMany(r => r.Overrides, o => o.ToJson());
    }
}
