using System.ComponentModel.DataAnnotations;
using System.Globalization;
using IamOps.Server.Data;
using IamOps.Server.Modules.Contracts;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Extensions;
using NodaTime.Text;

namespace IamOps.Server.Modules.Changes;

/// <summary>A one-off window in the contract's local time (e.g. <c>2026-03-29T02:30</c>); see <see cref="MaintenanceWindowPlan"/> for DST.</summary>
public sealed record CreateWindowRequest(
    [property: Required, MinLength(1), MaxLength(200)] string Name,
    [property: Required, MaxLength(32)] string LocalStart,
    [property: Range(1, 7 * 24 * 60, ErrorMessage = "The window must end after it starts and last at most 7 days (1 to 10080 minutes).")] int DurationMinutes,
    Guid? ClientOrganisationId = null);

public sealed record WindowDto(Guid? Id, Guid ClientOrganisationId, string Name, DateTimeOffset Start, DateTimeOffset End, bool Recurring, string? Resolution);

/// <summary>Maintenance windows: the contract's recurring ones expanded over a range, and one-off windows the provider adds.</summary>
internal static class ManageWindows
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/windows", ListAsync).WithName("ListMaintenanceWindows");
        group.MapPost("/windows", CreateAsync).WithName("CreateMaintenanceWindow");
        group.MapDelete("/windows/{id:guid}", DeleteAsync).WithName("DeleteMaintenanceWindow");
    }

    internal static async Task<Results<Ok<List<WindowDto>>, ValidationProblem>> ListAsync(
        IamOpsDb db, TimeProvider clock, Guid? clientOrganisationId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        var f = from ?? clock.GetUtcNow();
        var t = to ?? f.AddDays(31);
        if (t <= f || t - f > TimeSpan.FromDays(400))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["'to' must be after 'from', at most 400 days later."] });
        }
        return TypedResults.Ok(await OccurrencesAsync(db, clientOrganisationId, f, t, ct));
    }

    /// <summary>Every window occurrence of the visible clients (or the named one) overlapping [from, to).</summary>
    internal static async Task<List<WindowDto>> OccurrencesAsync(IamOpsDb db, Guid? client, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var contracts = await db.Set<Contract>().AsNoTracking().Where(c => client == null || c.ClientOrganisationId == client).ToListAsync(ct);
        var result = new List<WindowDto>();
        foreach (var contract in contracts.GroupBy(c => c.ClientOrganisationId).Select(g => g.OrderByDescending(c => c.StartsOn).First()))
        {
            var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(contract.TimeZone) ?? DateTimeZoneProviders.Tzdb["Europe/Paris"];
            result.AddRange(MaintenanceWindowPlan.Expand(contract.MaintenanceWindows, contract.StartsOn.ToLocalDate(), zone, from.ToInstant(), to.ToInstant())
                .Select(o => new WindowDto(null, contract.ClientOrganisationId, o.Name, o.Start.ToDateTimeOffset(), o.End.ToDateTimeOffset(), true, o.Resolution)));
        }
        var oneOff = await db.Set<OneOffMaintenanceWindow>().AsNoTracking()
            .Where(w => (client == null || w.ClientOrganisationId == client) && w.End > from && w.Start < to).ToListAsync(ct);
        result.AddRange(oneOff.Select(w => new WindowDto(w.Id, w.ClientOrganisationId, w.Name, w.Start, w.End, false, null)));
        return [.. result.OrderBy(w => w.Start)];
    }

    internal static async Task<Results<Created<WindowDto>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> CreateAsync(
        CreateWindowRequest request, IamOpsDb db, TenantContext tenant, RaciGate gate, CancellationToken ct)
    {
        var client = await ClientOf.ResolveAsync(db, tenant, request.ClientOrganisationId, ct);
        if (client.Problem is not null)
        {
            return client.Problem.Status == 404 ? TypedResults.NotFound(client.Problem) : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["clientOrganisationId"] = [client.Problem.Detail!] });
        }
        var check = await gate.CheckAsync(client.Id, RaciActivities.MaintenancePlanning, RaciDuty.Perform);
        if (!check.Allowed)
        {
            return check.ToProblem();
        }
        var parsed = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm").Parse(request.LocalStart.Trim());
        if (!parsed.Success)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["localStart"] = ["Give the local start as yyyy-MM-ddTHH:mm in the contract's zone, e.g. 2026-03-29T02:30."] });
        }
        var contract = await db.Set<Contract>().AsNoTracking().Where(c => c.ClientOrganisationId == client.Id).OrderByDescending(c => c.StartsOn).FirstAsync(ct);
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(contract.TimeZone) ?? DateTimeZoneProviders.Tzdb["Europe/Paris"];
        var (start, resolution) = MaintenanceWindowPlan.Resolve(parsed.Value, zone);
        var window = new OneOffMaintenanceWindow
        {
            ClientOrganisationId = client.Id,
            Name = request.Name.Trim(),
            Start = start.ToDateTimeOffset(),
            End = (start + Duration.FromMinutes(request.DurationMinutes)).ToDateTimeOffset(),
            CreatedBy = tenant.UserEmail ?? "system",
        };
        db.Add(window);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/changes/windows/{window.Id}",
            new WindowDto(window.Id, window.ClientOrganisationId, window.Name, window.Start, window.End, false, resolution));
    }

    internal static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(Guid id, IamOpsDb db, RaciGate gate, CancellationToken ct)
    {
        var window = await db.Set<OneOffMaintenanceWindow>().SingleOrDefaultAsync(w => w.Id == id, ct);
        if (window is null)
        {
            return TypedResults.NotFound();
        }
        var check = await gate.CheckAsync(window.ClientOrganisationId, RaciActivities.MaintenancePlanning, RaciDuty.Perform);
        if (!check.Allowed)
        {
            return check.ToProblem();
        }
        db.Remove(window);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    internal static string Format(DateTimeOffset at) => at.ToString("u", CultureInfo.InvariantCulture);
}
