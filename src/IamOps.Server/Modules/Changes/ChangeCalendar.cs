using IamOps.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Changes;

public sealed record CalendarEntryDto(string Kind, Guid? Id, Guid ClientOrganisationId, string Title, DateTimeOffset Start, DateTimeOffset End,
    string? Status, string? Type, string? Link);

/// <summary>The change calendar: scheduled (and running or declared) changes, maintenance windows and freezes over a range.</summary>
internal static class ChangeCalendar
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/calendar", HandleAsync).WithName(nameof(ChangeCalendar));

    internal static async Task<Results<Ok<List<CalendarEntryDto>>, ValidationProblem>> HandleAsync(
        IamOpsDb db, TimeProvider clock, Guid? clientOrganisationId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        var f = from ?? clock.GetUtcNow().AddDays(-7);
        var t = to ?? f.AddDays(42);
        if (t <= f || t - f > TimeSpan.FromDays(400))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["'to' must be after 'from', at most 400 days later."] });
        }
        return TypedResults.Ok(await EntriesAsync(db, clientOrganisationId, f, t, ct));
    }

    internal static async Task<List<CalendarEntryDto>> EntriesAsync(IamOpsDb db, Guid? client, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var changes = await db.Set<ChangeRequest>().AsNoTracking()
            .Where(c => (client == null || c.ClientOrganisationId == client)
                && c.PlannedStart != null && c.PlannedEnd != null && c.PlannedStart < to && c.PlannedEnd > from
                && c.Status != ChangeStatus.Draft && c.Status != ChangeStatus.Rejected)
            .Select(c => new { c.Id, c.ClientOrganisationId, c.Title, c.PlannedStart, c.PlannedEnd, c.Status, c.ComputedType, c.OverrideType })
            .ToListAsync(ct);
        var freezes = await db.Set<ChangeFreeze>().AsNoTracking()
            .Where(z => (client == null || z.ClientOrganisationId == client) && z.Start < to && z.End > from).ToListAsync(ct);
        var windows = await ManageWindows.OccurrencesAsync(db, client, from, to, ct);
        return [.. changes.Select(c => new CalendarEntryDto("change", c.Id, c.ClientOrganisationId, c.Title, c.PlannedStart!.Value, c.PlannedEnd!.Value,
                    ChangeRequest.StateName(c.Status), (c.OverrideType ?? c.ComputedType).ToString(), ChangesModule.Location(c.Id)))
            .Concat(windows.Select(w => new CalendarEntryDto("window", w.Id, w.ClientOrganisationId, w.Name, w.Start, w.End, null, null, null)))
            .Concat(freezes.Select(z => new CalendarEntryDto("freeze", z.Id, z.ClientOrganisationId, z.Name, z.Start, z.End, null, null, null)))
            .OrderBy(e => e.Start)];
    }
}
