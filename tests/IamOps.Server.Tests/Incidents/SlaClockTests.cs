using IamOps.Server.Modules.Contracts;
using IamOps.Server.Modules.Incidents;
using IamOps.Server.Modules.Platform.Calendars;

namespace IamOps.Server.Tests.Incidents;

/// <summary>SLA clocks in the demo contract's calendars (Europe/Paris, Monday to Friday 08:00–18:00, French holidays).</summary>
public sealed class SlaClockTests
{
    private const double Warn = 0.75;

    private static readonly Contract Paris = new()
    {
        Name = "Paris business hours",
        TimeZone = "Europe/Paris",
        WorkingDays = "1,2,3,4,5",
        WorkdayStart = new TimeOnly(8, 0),
        WorkdayEnd = new TimeOnly(18, 0),
    };

    private static BusinessCalendar BusinessHours(params DateOnly[] closures) => SlaCalendars.Build(Paris, SlaCalendar.BusinessHours, closures);

    private static BusinessCalendar TwentyFourSeven => SlaCalendars.Build(Paris, SlaCalendar.TwentyFourSeven, []);

    private static DateTimeOffset Utc(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    private static SlaClock Started(int minutes, DateTimeOffset at, BusinessCalendar calendar)
    {
        var clock = new SlaClock();
        clock.Start(minutes, at, calendar, Warn);
        return clock;
    }

    [Fact]
    public void A_business_hours_clock_over_the_last_sunday_of_march_resumes_at_eight_local_in_summer_time()
    {
        // Friday 27 March 2026 17:00 in Paris is 16:00 UTC (CET); Monday 30 March 08:00 is 06:00 UTC (CEST).
        var clock = Started(240, Utc(2026, 3, 27, 16), BusinessHours());

        Assert.Equal(Utc(2026, 3, 30, 9), clock.DueAt); // 60 min on Friday, 180 on Monday: 11:00 CEST
        Assert.Equal(Utc(2026, 3, 30, 8), clock.WarnAt); // 180 min: 10:00 CEST
        Assert.Equal(60, clock.Elapsed(Utc(2026, 3, 30, 5), BusinessHours()).TotalMinutes); // Monday 07:00 CEST: still closed
    }

    [Fact]
    public void A_round_the_clock_clock_over_the_night_of_the_last_sunday_of_march_counts_real_time_not_the_skipped_hour()
    {
        // Sunday 29 March 2026 01:30 CET = 00:30 UTC; at 02:00 local the clocks jump to 03:00.
        var clock = Started(120, Utc(2026, 3, 29, 0, 30), TwentyFourSeven);

        Assert.Equal(Utc(2026, 3, 29, 2, 30), clock.DueAt); // 04:30 CEST on the wall
        Assert.Equal(60, clock.Elapsed(Utc(2026, 3, 29, 1, 30), TwentyFourSeven).TotalMinutes);
    }

    [Fact]
    public void A_business_hours_clock_over_the_last_sunday_of_october_resumes_at_eight_local_in_winter_time()
    {
        // Friday 23 October 2026 16:00 CEST = 14:00 UTC; Monday 26 October 08:00 CET = 07:00 UTC.
        var clock = Started(480, Utc(2026, 10, 23, 14), BusinessHours());

        Assert.Equal(Utc(2026, 10, 26, 13), clock.DueAt); // 120 min on Friday, 360 on Monday: 14:00 CET
    }

    [Fact]
    public void A_round_the_clock_clock_over_the_night_of_the_last_sunday_of_october_counts_the_repeated_hour_once_each_time()
    {
        // Sunday 25 October 2026 01:30 CEST = 23:30 UTC the day before; at 03:00 local the clocks go back to 02:00.
        var clock = Started(120, Utc(2026, 10, 24, 23, 30), TwentyFourSeven);

        Assert.Equal(Utc(2026, 10, 25, 1, 30), clock.DueAt); // 02:30 CET on the wall, not 03:30
    }

    [Fact]
    public void Easter_monday_does_not_count()
    {
        // Thursday 2 April 2026 17:00 CEST; Good Friday is a working day in France, Easter Monday 6 April is not.
        var clock = Started(240, Utc(2026, 4, 2, 15), BusinessHours());

        // 60 min on Thursday, 180 on Good Friday: 11:00 CEST.
        Assert.Equal(Utc(2026, 4, 3, 9), clock.DueAt);
        var overEaster = Started(240, Utc(2026, 4, 3, 15), BusinessHours());
        Assert.Equal(Utc(2026, 4, 7, 9), overEaster.DueAt); // 60 min Friday, Monday off, 180 min Tuesday: 11:00 CEST
    }

    [Fact]
    public void Bastille_day_does_not_count()
    {
        // Monday 13 July 2026 16:00 CEST; Tuesday 14 July is a public holiday.
        var clock = Started(240, Utc(2026, 7, 13, 14), BusinessHours());

        Assert.Equal(Utc(2026, 7, 15, 8), clock.DueAt); // 120 min Monday, 120 min Wednesday: 10:00 CEST
    }

    [Fact]
    public void A_weekend_does_not_count()
    {
        // Friday 6 March 2026 17:30 CET = 16:30 UTC.
        var clock = Started(60, Utc(2026, 3, 6, 16, 30), BusinessHours());

        Assert.Equal(Utc(2026, 3, 9, 7, 30), clock.DueAt); // 30 min Friday, 30 min Monday: 08:30 CET
        Assert.Equal(30, clock.Elapsed(Utc(2026, 3, 8, 12), BusinessHours()).TotalMinutes);
    }

    [Fact]
    public void A_custom_closure_day_of_the_contract_does_not_count()
    {
        var calendar = BusinessHours(new DateOnly(2026, 3, 9));
        var clock = Started(60, Utc(2026, 3, 6, 16, 30), calendar);

        Assert.Equal(Utc(2026, 3, 10, 7, 30), clock.DueAt); // Monday 9 March closed: Tuesday 08:30 CET
    }

    [Fact]
    public void Time_waiting_on_the_client_does_not_count_and_the_due_time_moves_accordingly()
    {
        var calendar = BusinessHours();
        // Monday 2 March 2026 09:00 CET = 08:00 UTC, 240 business minutes.
        var clock = Started(240, Utc(2026, 3, 2, 8), calendar);
        Assert.Equal(Utc(2026, 3, 2, 12), clock.DueAt);

        clock.Pause(Utc(2026, 3, 2, 9), calendar); // 60 min used at 10:00 CET
        Assert.Null(clock.DueAt);
        Assert.Equal(60, clock.Elapsed(Utc(2026, 3, 2, 15), calendar).TotalMinutes);

        clock.Resume(Utc(2026, 3, 2, 13), calendar, Warn); // back at 14:00 CET: 180 min left, 240 until closing at 18:00
        Assert.Equal(Utc(2026, 3, 2, 16), clock.DueAt);

        clock.Pause(Utc(2026, 3, 2, 16), calendar); // 17:00 CET: 240 used... exactly the target
        clock.Resume(Utc(2026, 3, 2, 16), calendar, Warn);
        Assert.Equal(240, clock.Elapsed(Utc(2026, 3, 2, 16), calendar).TotalMinutes);
        Assert.False(clock.IsBreached(Utc(2026, 3, 2, 16), calendar));
        Assert.True(clock.IsBreached(Utc(2026, 3, 2, 16, 1), calendar));
    }

    [Fact]
    public void A_pause_over_a_weekend_resumes_with_what_was_left()
    {
        var calendar = BusinessHours();
        var clock = Started(120, Utc(2026, 3, 6, 15), calendar); // Friday 16:00 CET
        clock.Pause(Utc(2026, 3, 6, 16), calendar); // 17:00: 60 used
        clock.Resume(Utc(2026, 3, 9, 9), calendar, Warn); // Monday 10:00 CET

        Assert.Equal(Utc(2026, 3, 9, 10), clock.DueAt); // 60 left: 11:00 CET
        Assert.Equal(Utc(2026, 3, 9, 9, 30), clock.WarnAt); // 90 of 120: 30 after resuming
    }

    [Fact]
    public void A_stopped_clock_keeps_its_final_time_and_says_whether_the_target_was_met()
    {
        var calendar = TwentyFourSeven;
        var met = Started(30, Utc(2026, 3, 2, 8), calendar);
        met.Stop(Utc(2026, 3, 2, 8, 20), calendar);
        var missed = Started(30, Utc(2026, 3, 2, 8), calendar);
        missed.Stop(Utc(2026, 3, 2, 8, 45), calendar);

        Assert.True(met.Met);
        Assert.False(missed.Met);
        Assert.Equal(20, met.Elapsed(Utc(2026, 3, 3, 8), calendar).TotalMinutes);
        Assert.Null(met.DueAt);
    }
}
