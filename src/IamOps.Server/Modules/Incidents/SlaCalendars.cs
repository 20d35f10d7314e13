using IamOps.Server.Data;
using IamOps.Server.Modules.Contracts;
using IamOps.Server.Modules.Platform.Calendars;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace IamOps.Server.Modules.Incidents;

/// <summary>Builds the business calendars SLA clocks count in, from a contract and its closure days.</summary>
public sealed class SlaCalendars(IamOpsDb db)
{
    private readonly Dictionary<(Guid? Contract, SlaCalendar Kind), BusinessCalendar> _calendars = [];
    private readonly Dictionary<Guid, Contract?> _contracts = [];
    private readonly Dictionary<Guid, List<DateOnly>> _closures = [];

    /// <summary>Loads the contracts and closure days of many incidents in two queries (the sweep).</summary>
    public async Task PreloadAsync(IEnumerable<Guid> contractIds, CancellationToken ct)
    {
        var wanted = contractIds.Distinct().Where(id => !_contracts.ContainsKey(id)).ToList();
        if (wanted.Count == 0)
        {
            return;
        }
        var contracts = await db.Set<Contract>().AsNoTracking().Where(c => wanted.Contains(c.Id)).ToListAsync(ct);
        var closures = await db.Set<ContractClosureDay>().AsNoTracking().Where(d => wanted.Contains(d.ContractId))
            .Select(d => new { d.ContractId, d.Date }).ToListAsync(ct);
        foreach (var id in wanted)
        {
            _contracts[id] = contracts.SingleOrDefault(c => c.Id == id);
            _closures[id] = closures.Where(c => c.ContractId == id).Select(c => c.Date).ToList();
        }
    }

    /// <summary>The contract's calendar for <paramref name="kind"/>; 24×7 in Europe/Paris when there is no contract.</summary>
    public async Task<BusinessCalendar> ForAsync(Guid? contractId, SlaCalendar kind, CancellationToken ct)
    {
        if (_calendars.TryGetValue((contractId, kind), out var cached))
        {
            return cached;
        }
        var contract = await ContractAsync(contractId, ct);
        var calendar = Build(contract, kind, contract is null ? [] : _closures[contract.Id]);
        _calendars[(contractId, kind)] = calendar;
        return calendar;
    }

    /// <summary>The calendar of the incident's severity on its contract.</summary>
    public async Task<BusinessCalendar> ForAsync(Incident incident, CancellationToken ct)
    {
        var contract = await ContractAsync(incident.ContractId, ct);
        return await ForAsync(incident.ContractId, Level(contract, incident.Severity)?.Calendar ?? SlaCalendar.TwentyFourSeven, ct);
    }

    /// <summary>The incident's contract (cached for the scope).</summary>
    public async Task<Contract?> ContractAsync(Guid? contractId, CancellationToken ct)
    {
        if (contractId is not { } id)
        {
            return null;
        }
        await PreloadAsync([id], ct);
        return _contracts[id];
    }

    public static ServiceLevelTarget? Level(Contract? contract, IncidentSeverity severity) =>
        contract?.ServiceLevels.FirstOrDefault(s => string.Equals(s.Severity, severity.ToString(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The calendar of <paramref name="contract"/> for <paramref name="kind"/>, with its closure days.</summary>
    public static BusinessCalendar Build(Contract? contract, SlaCalendar kind, IEnumerable<DateOnly> closures)
    {
        var zone = Zone(contract?.TimeZone ?? "Europe/Paris");
        if (contract is null || kind == SlaCalendar.TwentyFourSeven)
        {
            return BusinessCalendar.TwentyFourSeven(zone);
        }
        var days = contract.WorkingDays.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(d => (IsoDayOfWeek)int.Parse(d, System.Globalization.CultureInfo.InvariantCulture));
        return BusinessCalendar.BusinessHours(zone, days, LocalTime.FromTicksSinceMidnight(contract.WorkdayStart.Ticks),
            LocalTime.FromTicksSinceMidnight(contract.WorkdayEnd.Ticks), frenchHolidays: true,
            closures: closures.Select(d => new LocalDate(d.Year, d.Month, d.Day)));
    }

    private static DateTimeZone Zone(string id) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(id)
        ?? throw new InvalidOperationException($"The contract's time zone '{id}' is not an IANA zone; fix the contract.");
}
