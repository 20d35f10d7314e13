using NodaTime;
using NodaTime.TimeZones;

namespace IamOps.Server.Modules.Platform.Calendars;

/// <summary>
/// When the business is open: working days and hours in one IANA time zone, minus public holidays and closure days.
/// All arithmetic is done by NodaTime on local dates and resolved to instants per day, so days of 23 or 25 hours
/// (DST changes) count correctly. A 24×7 calendar is always open.
/// </summary>
public sealed class BusinessCalendar
{
    private readonly HashSet<IsoDayOfWeek> _workingDays;
    private readonly Func<LocalDate, bool> _isClosed;

    private BusinessCalendar(DateTimeZone zone, bool alwaysOpen, IEnumerable<IsoDayOfWeek> workingDays,
        LocalTime dayStart, LocalTime dayEnd, Func<LocalDate, bool> isClosed)
    {
        Zone = zone;
        AlwaysOpen = alwaysOpen;
        _workingDays = [.. workingDays];
        DayStart = dayStart;
        DayEnd = dayEnd;
        _isClosed = isClosed;
    }

    public DateTimeZone Zone { get; }

    public bool AlwaysOpen { get; }

    public LocalTime DayStart { get; }

    public LocalTime DayEnd { get; }

    /// <summary>Open every instant of every day.</summary>
    public static BusinessCalendar TwentyFourSeven(DateTimeZone zone) =>
        new(zone, true, [], LocalTime.Midnight, LocalTime.Midnight, _ => false);

    /// <summary>
    /// Open on <paramref name="workingDays"/> from <paramref name="dayStart"/> to <paramref name="dayEnd"/> (local
    /// time), closed on French public holidays (when <paramref name="frenchHolidays"/>) and on <paramref name="closures"/>.
    /// </summary>
    public static BusinessCalendar BusinessHours(DateTimeZone zone, IEnumerable<IsoDayOfWeek> workingDays,
        LocalTime dayStart, LocalTime dayEnd, bool frenchHolidays = true, IEnumerable<LocalDate>? closures = null)
    {
        if (dayEnd <= dayStart)
        {
            throw new ArgumentException("The working day must end after it starts.", nameof(dayEnd));
        }
        var closed = new HashSet<LocalDate>(closures ?? []);
        return new BusinessCalendar(zone, false, workingDays, dayStart, dayEnd,
            d => closed.Contains(d) || (frenchHolidays && FrenchPublicHolidays.IsHoliday(d)));
    }

    /// <summary>Whether <paramref name="date"/> is a working day (not a weekend, holiday or closure day).</summary>
    public bool IsWorkingDay(LocalDate date) => AlwaysOpen || (_workingDays.Contains(date.DayOfWeek) && !_isClosed(date));

    /// <summary>Whether the business is open at <paramref name="instant"/>.</summary>
    public bool IsOpen(Instant instant)
    {
        if (AlwaysOpen)
        {
            return true;
        }
        var local = instant.InZone(Zone).LocalDateTime;
        return IsWorkingDay(local.Date) && local.TimeOfDay >= DayStart && local.TimeOfDay < DayEnd;
    }

    /// <summary>The open intervals between <paramref name="start"/> and <paramref name="end"/>, in order.</summary>
    public IEnumerable<Interval> OpenIntervals(Instant start, Instant end)
    {
        if (end <= start)
        {
            yield break;
        }
        if (AlwaysOpen)
        {
            yield return new Interval(start, end);
            yield break;
        }
        for (var date = start.InZone(Zone).Date; ; date = date.PlusDays(1))
        {
            var (open, close) = Hours(date);
            if (open >= end)
            {
                yield break;
            }
            if (!IsWorkingDay(date) || close <= start)
            {
                continue;
            }
            yield return new Interval(Instant.Max(open, start), Instant.Min(close, end));
        }
    }

    /// <summary>How much open time lies between <paramref name="start"/> and <paramref name="end"/>.</summary>
    public Duration OpenTimeBetween(Instant start, Instant end)
    {
        var total = Duration.Zero;
        foreach (var interval in OpenIntervals(start, end))
        {
            total += interval.Duration;
        }
        return total;
    }

    /// <summary>The instant at which <paramref name="amount"/> of open time has elapsed after <paramref name="start"/>.</summary>
    public Instant Add(Instant start, Duration amount)
    {
        if (amount < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "The amount of open time cannot be negative.");
        }
        if (AlwaysOpen)
        {
            return start + amount;
        }
        var left = amount;
        for (var date = start.InZone(Zone).Date; ; date = date.PlusDays(1))
        {
            if (!IsWorkingDay(date))
            {
                continue;
            }
            var (open, close) = Hours(date);
            if (close <= start)
            {
                continue;
            }
            var from = Instant.Max(open, start);
            var available = close - from;
            if (available >= left)
            {
                return from + left;
            }
            left -= available;
        }
    }

    /// <summary>The first open instant at or after <paramref name="instant"/>.</summary>
    public Instant NextOpen(Instant instant)
    {
        if (AlwaysOpen || IsOpen(instant))
        {
            return instant;
        }
        for (var date = instant.InZone(Zone).Date; ; date = date.PlusDays(1))
        {
            var (open, close) = Hours(date);
            if (IsWorkingDay(date) && close > instant)
            {
                return Instant.Max(open, instant);
            }
        }
    }

    // Opening and closing instants of a day; a local time in a DST gap moves forward, an ambiguous one takes the earlier instant.
    private (Instant Open, Instant Close) Hours(LocalDate date) =>
        (Zone.ResolveLocal(date + DayStart, Resolvers.LenientResolver).ToInstant(),
         Zone.ResolveLocal(date + DayEnd, Resolvers.LenientResolver).ToInstant());
}
