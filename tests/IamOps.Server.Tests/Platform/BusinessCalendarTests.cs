using IamOps.Server.Modules.Platform.Calendars;
using NodaTime;
using NodaTime.Text;

namespace IamOps.Server.Tests.Platform;

public sealed class BusinessCalendarTests
{
    private static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];

    private static readonly BusinessCalendar Office = BusinessCalendar.BusinessHours(Paris,
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday],
        new LocalTime(8, 0), new LocalTime(18, 0));

    private static Instant At(string offsetDateTime) => OffsetDateTimePattern.ExtendedIso.Parse(offsetDateTime).Value.ToInstant();

    [Theory]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    public void Easter_sunday_matches_the_published_dates(int year, int month, int day) =>
        Assert.Equal(new LocalDate(year, month, day), FrenchPublicHolidays.EasterSunday(year));

    [Fact]
    public void The_eleven_french_holidays_include_easter_monday_ascension_and_whit_monday()
    {
        var holidays = FrenchPublicHolidays.For(2026);
        Assert.Equal(11, holidays.Count);
        Assert.Contains(new LocalDate(2026, 4, 6), holidays.Keys);
        Assert.Contains(new LocalDate(2026, 5, 14), holidays.Keys);
        Assert.Contains(new LocalDate(2026, 5, 25), holidays.Keys);
        Assert.Contains(new LocalDate(2026, 7, 14), holidays.Keys);
    }

    [Fact]
    public void Friday_afternoon_plus_four_open_hours_lands_on_monday_morning()
    {
        var deadline = Office.Add(At("2026-11-27T16:00:00+01:00"), Duration.FromHours(4));
        Assert.Equal(At("2026-11-30T10:00:00+01:00"), deadline);
    }

    [Fact]
    public void Open_hours_are_counted_in_local_time_across_the_spring_forward_weekend()
    {
        // Friday 27 March 2026 17:00 CET to Monday 30 March 09:00 CEST: one hour on Friday, one on Monday.
        var open = Office.OpenTimeBetween(At("2026-03-27T17:00:00+01:00"), At("2026-03-30T09:00:00+02:00"));
        Assert.Equal(Duration.FromHours(2), open);
        Assert.False(Office.IsOpen(At("2026-03-30T07:30:00+02:00")));
        Assert.True(Office.IsOpen(At("2026-03-30T08:00:00+02:00")));
    }

    [Fact]
    public void Easter_monday_and_bastille_day_are_closed()
    {
        Assert.Equal(At("2026-04-07T08:00:00+02:00"), Office.NextOpen(At("2026-04-06T10:00:00+02:00")));
        Assert.Equal(Duration.Zero, Office.OpenTimeBetween(At("2026-07-14T00:00:00+02:00"), At("2026-07-15T00:00:00+02:00")));
    }

    [Fact]
    public void A_twenty_four_seven_calendar_counts_the_real_elapsed_time_of_a_25_hour_day()
    {
        var always = BusinessCalendar.TwentyFourSeven(Paris);
        Assert.Equal(Duration.FromHours(25), always.OpenTimeBetween(At("2026-10-25T00:00:00+02:00"), At("2026-10-26T00:00:00+01:00")));
    }

    [Fact]
    public void Custom_closure_days_are_closed()
    {
        var calendar = BusinessCalendar.BusinessHours(Paris, [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday], new LocalTime(9, 0),
            new LocalTime(17, 0), closures: [new LocalDate(2026, 12, 1)]);
        Assert.False(calendar.IsWorkingDay(new LocalDate(2026, 12, 1)));
        Assert.True(calendar.IsWorkingDay(new LocalDate(2026, 11, 30)));
    }
}
