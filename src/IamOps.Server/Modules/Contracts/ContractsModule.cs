using IamOps.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Contracts;

public sealed record ServiceLevelDto(string Severity, string Definition, int ResponseMinutes, int ResolutionMinutes, SlaCalendar Calendar);

public sealed record MaintenanceWindowDto(string Name, string RecurrenceRule, TimeOnly StartsAt, int DurationMinutes);

public sealed record ContractDto(
    Guid Id, Guid ClientOrganisationId, string Name, DateOnly StartsOn, string TimeZone, string WorkingDays,
    TimeOnly WorkdayStart, TimeOnly WorkdayEnd, IReadOnlyList<ServiceLevelDto> ServiceLevels, IReadOnlyList<MaintenanceWindowDto> MaintenanceWindows)
{
    public static ContractDto From(Contract c) => new(c.Id, c.ClientOrganisationId, c.Name, c.StartsOn, c.TimeZone, c.WorkingDays,
        c.WorkdayStart, c.WorkdayEnd,
        c.ServiceLevels.Select(s => new ServiceLevelDto(s.Severity, s.Definition, s.ResponseMinutes, s.ResolutionMinutes, s.Calendar)).ToList(),
        c.MaintenanceWindows.Select(m => new MaintenanceWindowDto(m.Name, m.RecurrenceRule, m.StartsAt, m.DurationMinutes)).ToList());
}

public static class ContractsModule
{
    public static void MapContracts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/contracts").WithTags("Contracts").RequireAuthorization();
        group.MapGet("/", ListAsync).WithName("ListContracts");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetContract");
        SaveContract.Map(group);
        ContractClosureDays.Map(group);
    }

    internal static async Task<Ok<List<ContractDto>>> ListAsync(IamOpsDb db, CancellationToken ct)
    {
        var contracts = await db.Set<Contract>().AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct);
        return TypedResults.Ok(contracts.Select(ContractDto.From).ToList());
    }

    internal static async Task<Results<Ok<ContractDto>, NotFound>> GetAsync(Guid id, IamOpsDb db, CancellationToken ct)
    {
        var contract = await db.Set<Contract>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        return contract is null ? TypedResults.NotFound() : TypedResults.Ok(ContractDto.From(contract));
    }
}
