using IamOps.Server.Modules.Platform.Calendars;
using NodaTime;
using NodaTime.Extensions;

namespace IamOps.Server.Modules.Incidents;

/// <summary>
/// A service-level clock: the open time of a calendar consumed towards a target. It runs from a start, pauses and
/// resumes (waiting on the client), and stops for good. While it runs, the instants of its warning and breach are
/// kept precomputed, so the sweep only reads the clocks that are due.
/// </summary>
public sealed class SlaClock
{
    /// <summary>The target in minutes of open calendar time; null when the contract sets none for the severity.</summary>
    public int? TargetMinutes { get; set; }

    /// <summary>Open time consumed before <see cref="RunningSince"/> (or in total once paused or stopped).</summary>
    public long ConsumedSeconds { get; set; }

    public DateTimeOffset? RunningSince { get; set; }

    /// <summary>When the warning fraction of the target is reached, if the clock keeps running.</summary>
    public DateTimeOffset? WarnAt { get; set; }

    /// <summary>When the target is reached, if the clock keeps running.</summary>
    public DateTimeOffset? DueAt { get; set; }

    public DateTimeOffset? StoppedAt { get; set; }

    /// <summary>When the warning was recorded (once).</summary>
    public DateTimeOffset? WarnedAt { get; set; }

    /// <summary>When the breach was recorded (once).</summary>
    public DateTimeOffset? BreachedAt { get; set; }

    public bool IsRunning => RunningSince is not null;

    public bool IsStopped => StoppedAt is not null;

    /// <summary>Starts counting at <paramref name="now"/> towards <paramref name="targetMinutes"/>.</summary>
    public void Start(int? targetMinutes, DateTimeOffset now, BusinessCalendar calendar, double warnFraction)
    {
        TargetMinutes = targetMinutes;
        ConsumedSeconds = 0;
        StoppedAt = null;
        if (targetMinutes is null)
        {
            return;
        }
        RunningSince = now;
        Schedule(calendar, warnFraction);
    }

    /// <summary>Stops counting for now (waiting on the client), keeping the open time consumed so far.</summary>
    public void Pause(DateTimeOffset now, BusinessCalendar calendar)
    {
        if (RunningSince is { } since)
        {
            ConsumedSeconds += Seconds(calendar.OpenTimeBetween(since.ToInstant(), Instant.Max(since.ToInstant(), now.ToInstant())));
        }
        RunningSince = null;
        WarnAt = null;
        DueAt = null;
    }

    /// <summary>Counts again from <paramref name="now"/>, unless the clock is stopped or has no target.</summary>
    public void Resume(DateTimeOffset now, BusinessCalendar calendar, double warnFraction)
    {
        if (IsStopped || IsRunning || TargetMinutes is null)
        {
            return;
        }
        RunningSince = now;
        Schedule(calendar, warnFraction);
    }

    /// <summary>Stops the clock for good: the consumed time is final.</summary>
    public void Stop(DateTimeOffset now, BusinessCalendar calendar)
    {
        if (IsStopped)
        {
            return;
        }
        Pause(now, calendar);
        StoppedAt = now;
    }

    /// <summary>Open time consumed up to <paramref name="now"/>.</summary>
    public Duration Elapsed(DateTimeOffset now, BusinessCalendar calendar)
    {
        var consumed = Duration.FromSeconds(ConsumedSeconds);
        return RunningSince is { } since && now > since
            ? consumed + calendar.OpenTimeBetween(since.ToInstant(), now.ToInstant())
            : consumed;
    }

    /// <summary>True once the consumed open time exceeds the target (final for a stopped clock).</summary>
    public bool IsBreached(DateTimeOffset now, BusinessCalendar calendar) =>
        TargetMinutes is { } target && Elapsed(now, calendar) > Duration.FromMinutes(target);

    /// <summary>Whether the target was met: null while the clock runs or when there is no target.</summary>
    public bool? Met => TargetMinutes is { } target && IsStopped ? ConsumedSeconds <= target * 60L : null;

    /// <summary>Recomputes the warning and due instants from what is consumed and the calendar as it is now.</summary>
    public void Schedule(BusinessCalendar calendar, double warnFraction)
    {
        if (RunningSince is not { } since || TargetMinutes is not { } target)
        {
            WarnAt = null;
            DueAt = null;
            return;
        }
        var start = since.ToInstant();
        var consumed = Duration.FromSeconds(ConsumedSeconds);
        var total = Duration.FromMinutes(target);
        var warn = Duration.FromSeconds(Math.Round(total.TotalSeconds * warnFraction));
        DueAt = calendar.Add(start, Max(total - consumed, Duration.Zero)).ToDateTimeOffset();
        WarnAt = calendar.Add(start, Max(warn - consumed, Duration.Zero)).ToDateTimeOffset();
    }

    private static Duration Max(Duration a, Duration b) => a > b ? a : b;

    private static long Seconds(Duration d) => (long)Math.Round(d.TotalSeconds);
}
