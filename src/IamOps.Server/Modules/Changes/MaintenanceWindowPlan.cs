using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using IamOps.Server.Modules.Contracts;
using NodaTime;
using NodaTime.TimeZones;
using Duration = NodaTime.Duration;

namespace IamOps.Server.Modules.Changes;

/// <summary>One occurrence of a maintenance window, as instants, with how its local start was resolved.</summary>
public sealed record WindowOccurrence(string Name, Instant Start, Instant End, string? Resolution = null);

/// <summary>
/// Expands maintenance windows into instants. Recurring windows are RFC 5545 RRULEs on the contract's local time,
/// expanded by Ical.Net as floating (zone-less) local times, then placed in the zone by one explicit rule:
/// a local start inside a spring-forward gap (e.g. 02:30 on the last Sunday of March in Europe/Paris) moves forward by
/// the length of the gap (03:30 CEST); an ambiguous local start at fall-back (02:30 on the last Sunday of October
/// happens twice) takes the earlier instant (02:30 CEST, the first pass). The duration is elapsed time either way.
/// </summary>
public static class MaintenanceWindowPlan
{
    /// <summary>Places a local date-time in the zone by the rule above; the note says what happened when it was not plain.</summary>
    public static (Instant Instant, string? Resolution) Resolve(LocalDateTime local, DateTimeZone zone)
    {
        var mapping = zone.MapLocal(local);
        return mapping.Count switch
        {
            1 => (mapping.Single().ToInstant(), null),
            0 => (Resolvers.LenientResolver(mapping).ToInstant(),
                $"{local:yyyy-MM-dd HH:mm} does not exist in {zone.Id} (spring-forward gap): moved forward by the gap to "
                + $"{Resolvers.LenientResolver(mapping).LocalDateTime:HH:mm} at offset {Resolvers.LenientResolver(mapping).Offset}"),
            _ => (mapping.First().ToInstant(),
                $"{local:yyyy-MM-dd HH:mm} happens twice in {zone.Id} (fall-back): the earlier one, at offset {mapping.First().Offset}, is used"),
        };
    }

    /// <summary>The occurrences of the contract's recurring windows that overlap [from, to).</summary>
    public static IEnumerable<WindowOccurrence> Expand(IEnumerable<MaintenanceWindow> windows, LocalDate anchor, DateTimeZone zone, Instant from, Instant to)
    {
        foreach (var window in windows)
        {
            if (window.DurationMinutes <= 0)
            {
                continue;
            }
            var length = Duration.FromMinutes(window.DurationMinutes);
            var firstDay = (from - length).InZone(zone).Date.PlusDays(-1);
            var lastDay = to.InZone(zone).Date.PlusDays(1);
            foreach (var local in LocalStarts(window, anchor, firstDay, lastDay))
            {
                var (start, note) = Resolve(local, zone);
                var end = start + length;
                if (end > from && start < to)
                {
                    yield return new WindowOccurrence(window.Name, start, end, note);
                }
            }
        }
    }

    /// <summary>Local start times of a recurring window between two local dates, by Ical.Net's RRULE evaluation.</summary>
    public static IEnumerable<LocalDateTime> LocalStarts(MaintenanceWindow window, LocalDate anchor, LocalDate firstDay, LocalDate lastDay)
    {
        var start = anchor + LocalTime.FromTicksSinceMidnight(window.StartsAt.Ticks);
        var evt = new CalendarEvent
        {
            DtStart = new CalDateTime(start.ToDateTimeUnspecified(), hasTime: true),
            Duration = Ical.Net.DataTypes.Duration.FromMinutes(window.DurationMinutes),
        };
        evt.RecurrenceRule = new RecurrencePattern(window.RecurrenceRule);
        var fromDay = firstDay < anchor ? anchor : firstDay;
        foreach (var occurrence in evt.GetOccurrences(new CalDateTime(fromDay.ToDateTimeUnspecified(), hasTime: true)))
        {
            var local = LocalDateTime.FromDateTime(occurrence.Period.StartTime.Value);
            if (local.Date > lastDay)
            {
                yield break;
            }
            yield return local;
        }
    }

    /// <summary>The RRULE's problem, or null when Ical.Net accepts it.</summary>
    public static string? Check(string rule)
    {
        try
        {
            _ = new RecurrencePattern(rule);
            return rule.Contains("FREQ=", StringComparison.OrdinalIgnoreCase) ? null : "The rule names no FREQ.";
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            return e.Message;
        }
    }

    /// <summary>Sorted, overlapping or touching occurrences joined into one.</summary>
    public static List<(Instant Start, Instant End)> Merge(IEnumerable<(Instant Start, Instant End)> intervals)
    {
        var merged = new List<(Instant Start, Instant End)>();
        foreach (var (start, end) in intervals.OrderBy(i => i.Start))
        {
            if (merged.Count > 0 && start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Instant.Max(merged[^1].End, end));
            }
            else
            {
                merged.Add((start, end));
            }
        }
        return merged;
    }
}
