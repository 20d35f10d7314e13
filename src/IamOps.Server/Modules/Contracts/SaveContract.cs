using System.ComponentModel.DataAnnotations;
using IamOps.Server.Data;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace IamOps.Server.Modules.Contracts;

public sealed record ServiceLevelInput(
    [property: Required, RegularExpression("^P[1-9]$", ErrorMessage = "severity is P1 to P9.")] string Severity,
    [property: Required, MaxLength(500)] string Definition,
    [property: Range(1, 525600)] int ResponseMinutes,
    [property: Range(1, 525600)] int ResolutionMinutes,
    SlaCalendar Calendar);

public sealed record MaintenanceWindowInput(
    [property: Required, MaxLength(100)] string Name,
    [property: Required, MaxLength(500), RegularExpression("^FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)(;[A-Z]+=[A-Z0-9,+-]+)*$", ErrorMessage = "recurrenceRule must be an RFC 5545 RRULE such as FREQ=WEEKLY;BYDAY=TU.")] string RecurrenceRule,
    TimeOnly StartsAt,
    [property: Range(15, 1440)] int DurationMinutes);

public sealed record SaveContractRequest(
    [property: Required, MinLength(2), MaxLength(200)] string Name,
    DateOnly StartsOn,
    [property: Required, MaxLength(64)] string TimeZone,
    [property: Required, RegularExpression("^[1-7](,[1-7]){0,6}$", ErrorMessage = "workingDays lists ISO day numbers 1 (Monday) to 7 (Sunday), e.g. 1,2,3,4,5.")] string WorkingDays,
    TimeOnly WorkdayStart,
    TimeOnly WorkdayEnd,
    [property: Required, MinLength(1), MaxLength(9)] List<ServiceLevelInput> ServiceLevels,
    [property: Required, MaxLength(20)] List<MaintenanceWindowInput> MaintenanceWindows);

public sealed record CreateContractRequest(
    [property: Required] Guid ClientOrganisationId,
    [property: Required] SaveContractRequest Contract);

/// <summary>The provider's managers create and edit a client's contract: calendar, service levels, maintenance windows.</summary>
internal static class SaveContract
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/", CreateAsync).WithName("CreateContract").RequireAuthorization(Policies.ProviderManager);
        group.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateContract").RequireAuthorization(Policies.ProviderManager);
    }

    private static async Task<Results<Created<ContractDto>, ValidationProblem, NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails>>> CreateAsync(
        CreateContractRequest request, IamOpsDb db, IEnumerable<IContractCreatedHandler> onCreated, CancellationToken ct)
    {
        if (Validate(request.Contract) is { } problem)
        {
            return problem;
        }
        if (!await db.Organisations.AnyAsync(o => o.Id == request.ClientOrganisationId && o.Kind == Party.Client, ct))
        {
            return TypedResults.NotFound(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = 404, Title = "Unknown client", Detail = "The client organisation does not exist.",
            });
        }

        var contract = new Contract { ClientOrganisationId = request.ClientOrganisationId, Name = request.Contract.Name };
        Apply(contract, request.Contract);
        db.Add(contract);
        foreach (var handler in onCreated)
        {
            await handler.OnContractCreatedAsync(contract, ct);
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/contracts/{contract.Id}", ContractDto.From(contract));
    }

    private static async Task<Results<Ok<ContractDto>, ValidationProblem, NotFound>> UpdateAsync(
        Guid id, SaveContractRequest request, IamOpsDb db, CancellationToken ct)
    {
        if (Validate(request) is { } problem)
        {
            return problem;
        }
        var contract = await db.Set<Contract>().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (contract is null)
        {
            return TypedResults.NotFound();
        }
        Apply(contract, request);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ContractDto.From(contract));
    }

    private static ValidationProblem? Validate(SaveContractRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(request.TimeZone) is null)
        {
            errors["timeZone"] = [$"'{request.TimeZone}' is not an IANA time zone (e.g. Europe/Paris)."];
        }
        if (request.WorkdayEnd <= request.WorkdayStart)
        {
            errors["workdayEnd"] = ["workdayEnd must be after workdayStart."];
        }
        var duplicates = request.ServiceLevels.GroupBy(s => s.Severity).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            errors["serviceLevels"] = [$"Each severity appears once; repeated: {string.Join(", ", duplicates)}."];
        }
        var late = request.ServiceLevels.Where(s => s.ResolutionMinutes < s.ResponseMinutes).Select(s => s.Severity).ToList();
        if (late.Count > 0)
        {
            errors["serviceLevels.resolutionMinutes"] = [$"Resolution cannot come before response for {string.Join(", ", late)}."];
        }
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : null;
    }

    private static void Apply(Contract contract, SaveContractRequest request)
    {
        contract.Name = request.Name.Trim();
        contract.StartsOn = request.StartsOn;
        contract.TimeZone = request.TimeZone;
        contract.WorkingDays = string.Join(',', request.WorkingDays.Split(',').Distinct().Order(StringComparer.Ordinal));
        contract.WorkdayStart = request.WorkdayStart;
        contract.WorkdayEnd = request.WorkdayEnd;
        contract.ServiceLevels = request.ServiceLevels.OrderBy(s => s.Severity, StringComparer.Ordinal).Select(s => new ServiceLevelTarget
        {
            Severity = s.Severity, Definition = s.Definition, ResponseMinutes = s.ResponseMinutes,
            ResolutionMinutes = s.ResolutionMinutes, Calendar = s.Calendar,
        }).ToList();
        contract.MaintenanceWindows = request.MaintenanceWindows.Select(m => new MaintenanceWindow
        {
            Name = m.Name, RecurrenceRule = m.RecurrenceRule, StartsAt = m.StartsAt, DurationMinutes = m.DurationMinutes,
        }).ToList();
    }
}

/// <summary>Lets other modules act, in the same transaction, when a contract is created (e.g. give it the default RACI catalogue).</summary>
public interface IContractCreatedHandler
{
    Task OnContractCreatedAsync(Contract contract, CancellationToken ct);
}
