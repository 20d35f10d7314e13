using System.Globalization;
using NodaTime;
using NodaTime.Extensions;
using NodaTime.Text;

namespace IamOps.Server.Modules.Changes;

/// <summary>How the change pages write and read times: Europe/Paris civil time (CET in winter, CEST in summer), as the contract's rules use.</summary>
public static class ChangeUi
{
    public static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];

    private static readonly LocalDateTimePattern Input = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm");

    /// <summary><c>2026-03-10 10:00 CET</c>.</summary>
    public static string Local(DateTimeOffset? at) => at is { } a
        ? a.ToInstant().InZone(Paris).ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + Abbreviation(a)
        : "—";

    public static string LocalTime(DateTimeOffset at) => at.ToInstant().InZone(Paris).ToString("HH:mm", CultureInfo.InvariantCulture);

    public static LocalDate LocalDate(DateTimeOffset at) => at.ToInstant().InZone(Paris).Date;

    private static string Abbreviation(DateTimeOffset at) => Paris.GetZoneInterval(at.ToInstant()).Savings != Offset.Zero ? "CEST" : "CET";

    /// <summary>Reads <c>yyyy-MM-dd HH:mm</c> as Paris civil time (a time in the spring-forward gap moves forward, an ambiguous one takes the earlier).</summary>
    public static DateTimeOffset? Parse(string? text)
    {
        var result = Input.Parse(text?.Trim() ?? "");
        return result.Success ? MaintenanceWindowPlan.Resolve(result.Value, Paris).Instant.ToDateTimeOffset() : null;
    }

    public static string Status(ChangeStatus status) => ChangeRequest.StateName(status);
}
