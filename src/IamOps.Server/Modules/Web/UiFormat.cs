using System.Globalization;

namespace IamOps.Server.Modules.Web;

/// <summary>How the UI writes instants, durations, working days and recurrence rules.</summary>
public static class UiFormat
{
    private static readonly string[] DayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    private static readonly string[] RruleDays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

    public static string Instant(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Instant(DateTimeOffset? at) => at is { } value ? Instant(value) : "—";

    public static string Minutes(int minutes) => minutes switch
    {
        < 60 => $"{minutes} min",
        _ when minutes % 60 == 0 => $"{minutes / 60} h",
        _ => $"{minutes / 60} h {minutes % 60} min",
    };

    public static string Count(int n, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {(n == 1 ? one : many)}");

    /// <summary>An amount with its ISO currency, e.g. "1,250.00 EUR"; a dash when there is none yet.</summary>
    public static string Money(decimal? amount, string? currency) =>
        amount is { } value ? string.Create(CultureInfo.InvariantCulture, $"{value:#,##0.00} {currency}").TrimEnd() : "—";

    public static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>ISO day numbers joined by commas (1 = Monday) as "Monday to Friday" or "Monday, Wednesday".</summary>
    public static string WorkingDays(string isoDays)
    {
        var days = isoDays.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => int.TryParse(d, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .Where(n => n is >= 1 and <= 7).Distinct().Order().ToList();
        if (days.Count == 0)
        {
            return "none";
        }
        var consecutive = days[^1] - days[0] == days.Count - 1;
        return consecutive && days.Count >= 3
            ? $"{DayNames[days[0] - 1]} to {DayNames[days[^1] - 1]}"
            : string.Join(", ", days.Select(d => DayNames[d - 1]));
    }

    /// <summary>A readable form of the common RFC 5545 rules; anything else is shown as written.</summary>
    public static string Recurrence(string rule)
    {
        var parts = rule.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim().ToUpperInvariant(), p => p[1].Trim().ToUpperInvariant());
        if (!parts.TryGetValue("FREQ", out var freq) || parts.ContainsKey("INTERVAL") && parts["INTERVAL"] != "1")
        {
            return rule;
        }
        var days = parts.TryGetValue("BYDAY", out var byDay)
            ? byDay.Split(',').Select(d => Array.IndexOf(RruleDays, d)).ToList()
            : [];
        return freq switch
        {
            "DAILY" when days.Count == 0 => "Every day",
            "WEEKLY" when days.Count > 0 && days.All(d => d >= 0) => "Every " + string.Join(", ", days.Select(d => DayNames[d])),
            _ => rule,
        };
    }
}
