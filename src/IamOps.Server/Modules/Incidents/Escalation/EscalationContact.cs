using System.Text.Json.Serialization;
using IamOps.Server.Modules.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using NodaTime.Extensions;

namespace IamOps.Server.Modules.Incidents.Escalation;

public enum ContactChannel
{
    [JsonStringEnumMemberName("email")] Email,
    [JsonStringEnumMemberName("phone")] Phone,
    [JsonStringEnumMemberName("webhook")] Webhook,
}

/// <summary>One person of the client's escalation list (kept by the client, R), in order, with the hours they can be reached.</summary>
public sealed class EscalationContact : ITenantOwned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientOrganisationId { get; set; }

    /// <summary>Order in the list, from 1.</summary>
    public int Position { get; set; }

    public required string Name { get; set; }

    public ContactChannel Channel { get; set; }

    /// <summary>E-mail address, phone number or webhook URL, by channel.</summary>
    public required string Address { get; set; }

    public required string TimeZone { get; set; }

    /// <summary>ISO day numbers joined by commas (1 = Monday).</summary>
    public required string ReachableDays { get; set; }

    public TimeOnly ReachableFrom { get; set; }

    /// <summary>End of the reachable hours; before <see cref="ReachableFrom"/> when they span midnight.</summary>
    public TimeOnly ReachableTo { get; set; }

    /// <summary>Whether the contact can be reached at <paramref name="at"/> (local days and hours of its zone).</summary>
    public bool IsReachableAt(DateTimeOffset at)
    {
        if (!HasHours || DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone) is not { } zone)
        {
            return false;
        }
        var local = at.ToInstant().InZone(zone).LocalDateTime;
        var time = local.TimeOfDay.ToTimeOnly();
        var days = Days(ReachableDays);
        if (ReachableFrom < ReachableTo)
        {
            return days.Contains((int)local.DayOfWeek) && time >= ReachableFrom && time < ReachableTo;
        }
        // Overnight hours: the evening belongs to the listed day, the small hours to the day before.
        return (days.Contains((int)local.DayOfWeek) && time >= ReachableFrom)
            || (days.Contains((int)local.Date.PlusDays(-1).DayOfWeek) && time < ReachableTo);
    }

    /// <summary>True when the contact has at least one reachable hour in the week.</summary>
    public bool HasHours => Days(ReachableDays).Count > 0 && ReachableFrom != ReachableTo;

    public static HashSet<int> Days(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => int.TryParse(d, out var n) ? n : 0).Where(n => n is >= 1 and <= 7)];
}

internal sealed class EscalationContactConfiguration : IEntityTypeConfiguration<EscalationContact>
{
    public void Configure(EntityTypeBuilder<EscalationContact> b)
    {
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.Channel).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Address).HasMaxLength(500);
        b.Property(c => c.TimeZone).HasMaxLength(64);
        b.Property(c => c.ReachableDays).HasMaxLength(32);
        b.Ignore(c => c.HasHours);
        b.HasIndex(c => new { c.ClientOrganisationId, c.Position });
    }
}
