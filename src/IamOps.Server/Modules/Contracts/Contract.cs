using IamOps.Server.Modules.Platform;

namespace IamOps.Server.Modules.Contracts;

/// <summary>The service contract between the provider and one client.</summary>
public sealed class Contract : ITenantOwned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientOrganisationId { get; set; }

    public required string Name { get; set; }

    public DateOnly StartsOn { get; set; }

    /// <summary>IANA time zone of the business calendar.</summary>
    public string TimeZone { get; set; } = "Europe/Paris";

    /// <summary>Working days, ISO numbers joined by commas (1 = Monday).</summary>
    public string WorkingDays { get; set; } = "1,2,3,4,5";

    public TimeOnly WorkdayStart { get; set; } = new(8, 0);

    public TimeOnly WorkdayEnd { get; set; } = new(18, 0);

    public List<ServiceLevelTarget> ServiceLevels { get; set; } = [];

    public List<MaintenanceWindow> MaintenanceWindows { get; set; } = [];
}

/// <summary>How a service-level clock counts.</summary>
public enum SlaCalendar
{
    TwentyFourSeven,
    BusinessHours,
}

/// <summary>Response and resolution targets for one severity.</summary>
public sealed class ServiceLevelTarget
{
    public required string Severity { get; set; }

    public required string Definition { get; set; }

    public int ResponseMinutes { get; set; }

    public int ResolutionMinutes { get; set; }

    public SlaCalendar Calendar { get; set; }
}

/// <summary>A recurring maintenance window (RFC 5545 RRULE, local time of the contract).</summary>
public sealed class MaintenanceWindow
{
    public required string Name { get; set; }

    public required string RecurrenceRule { get; set; }

    public TimeOnly StartsAt { get; set; }

    public int DurationMinutes { get; set; }
}
