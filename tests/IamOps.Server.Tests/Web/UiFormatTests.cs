using IamOps.Server.Modules.Web;

namespace IamOps.Server.Tests.Web;

public sealed class UiFormatTests
{
    [Theory]
    [InlineData(30, "30 min")]
    [InlineData(60, "1 h")]
    [InlineData(90, "1 h 30 min")]
    [InlineData(4800, "80 h")]
    public void Minutes_read_as_hours_and_minutes(int minutes, string expected) =>
        Assert.Equal(expected, UiFormat.Minutes(minutes));

    [Theory]
    [InlineData("1,2,3,4,5", "Monday to Friday")]
    [InlineData("1,3", "Monday, Wednesday")]
    [InlineData("6, 7", "Saturday, Sunday")]
    [InlineData("", "none")]
    public void Working_days_read_as_day_names(string isoDays, string expected) =>
        Assert.Equal(expected, UiFormat.WorkingDays(isoDays));

    [Theory]
    [InlineData("FREQ=WEEKLY;BYDAY=TU", "Every Tuesday")]
    [InlineData("FREQ=WEEKLY;BYDAY=MO,TH", "Every Monday, Thursday")]
    [InlineData("FREQ=DAILY", "Every day")]
    [InlineData("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU")]
    [InlineData("FREQ=MONTHLY;BYDAY=1SU", "FREQ=MONTHLY;BYDAY=1SU")]
    public void Common_recurrence_rules_read_as_words_and_others_as_written(string rule, string expected) =>
        Assert.Equal(expected, UiFormat.Recurrence(rule));

    [Fact]
    public void Instants_are_shown_in_utc() =>
        Assert.Equal("2026-03-02 08:00 UTC", UiFormat.Instant(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(1))));
}
