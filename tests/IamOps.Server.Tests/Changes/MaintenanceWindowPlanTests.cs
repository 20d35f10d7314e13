using IamOps.Server.Modules.Changes;
using IamOps.Server.Modules.Contracts;
using NodaTime;

namespace IamOps.Server.Tests.Changes;

public sealed class MaintenanceWindowPlanTests
{
    private static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];

    private static List<WindowOccurrence> Sundays(string rule, int hour, int minute, LocalDate from, LocalDate to) =>
        [.. MaintenanceWindowPlan.Expand(
            [new MaintenanceWindow { Name = "Night", RecurrenceRule = rule, StartsAt = new TimeOnly(hour, minute), DurationMinutes = 60 }],
            new LocalDate(2026, 1, 4), Paris, from.AtStartOfDayInZone(Paris).ToInstant(), to.AtStartOfDayInZone(Paris).ToInstant())];

    [Fact]
    public void A_weekly_window_at_02_30_on_the_spring_forward_sunday_starts_at_03_30_summer_time_and_keeps_its_length()
    {
        var occurrence = Sundays("FREQ=WEEKLY;BYDAY=SU", 2, 30, new LocalDate(2026, 3, 29), new LocalDate(2026, 3, 30)).Single();

        Assert.Equal(Instant.FromUtc(2026, 3, 29, 1, 30), occurrence.Start);
        Assert.Equal(Duration.FromHours(1), occurrence.End - occurrence.Start);
        Assert.Contains("spring-forward gap", occurrence.Resolution, StringComparison.Ordinal);
        Assert.Contains("03:30", occurrence.Resolution, StringComparison.Ordinal);
    }

    [Fact]
    public void A_weekly_window_at_02_30_on_the_fall_back_sunday_takes_the_first_02_30_summer_time()
    {
        var occurrence = Sundays("FREQ=WEEKLY;BYDAY=SU", 2, 30, new LocalDate(2026, 10, 25), new LocalDate(2026, 10, 26)).Single();

        Assert.Equal(Instant.FromUtc(2026, 10, 25, 0, 30), occurrence.Start);
        Assert.Contains("happens twice", occurrence.Resolution, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ordinary_sunday_window_is_plain_local_time_in_winter_and_in_summer()
    {
        var winter = Sundays("FREQ=WEEKLY;BYDAY=SU", 2, 30, new LocalDate(2026, 3, 22), new LocalDate(2026, 3, 23)).Single();
        var summer = Sundays("FREQ=WEEKLY;BYDAY=SU", 2, 30, new LocalDate(2026, 4, 5), new LocalDate(2026, 4, 6)).Single();

        Assert.Equal(Instant.FromUtc(2026, 3, 22, 1, 30), winter.Start);
        Assert.Equal(Instant.FromUtc(2026, 4, 5, 0, 30), summer.Start);
        Assert.Null(winter.Resolution);
    }

    [Fact]
    public void A_monthly_rrule_on_the_first_saturday_expands_through_ical_net()
    {
        var occurrences = Sundays("FREQ=MONTHLY;BYDAY=1SA", 23, 0, new LocalDate(2026, 3, 1), new LocalDate(2026, 6, 1));

        Assert.Equal([new LocalDate(2026, 3, 7), new LocalDate(2026, 4, 4), new LocalDate(2026, 5, 2)],
            occurrences.Select(o => o.Start.InZone(Paris).Date));
    }

    [Fact]
    public void Overlapping_windows_merge_into_one()
    {
        var a = Instant.FromUtc(2026, 3, 3, 21, 0);
        var merged = MaintenanceWindowPlan.Merge([(a, a + Duration.FromHours(2)), (a + Duration.FromHours(1), a + Duration.FromHours(4))]);

        Assert.Equal([(a, a + Duration.FromHours(4))], merged);
    }
}
