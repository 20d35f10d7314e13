using IamOps.Server.Data;
using IamOps.Server.Modules.Clusters;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Changes;

public sealed record SlotCheckDto(bool Allowed, string? Rule, string? Reason, DateTimeOffset? NextStart, DateTimeOffset? NextEnd, string TimeZone);

/// <summary>Whether a slot on a cluster is allowed, and otherwise the next valid one: the conflict check and next-slot search.</summary>
internal static class CheckSlot
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/slots", HandleAsync).WithName(nameof(CheckSlot));

    internal static async Task<Results<Ok<SlotCheckDto>, NotFound<ProblemDetails>, ValidationProblem>> HandleAsync(
        Guid clusterId, DateTimeOffset start, DateTimeOffset end, bool? requiresShutdown, IamOpsDb db, ChangeScheduler scheduler, CancellationToken ct)
    {
        if (end <= start)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["end"] = [$"The end ({end:u}) must be after the start ({start:u})."] });
        }
        var client = await db.Set<Cluster>().AsNoTracking().Where(c => c.Id == clusterId).Select(c => (Guid?)c.ClientOrganisationId).SingleOrDefaultAsync(ct);
        if (client is null)
        {
            return TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Unknown cluster", Detail = $"Cluster {clusterId} does not exist or is not yours." });
        }
        var verdict = await scheduler.CheckAsync(new SlotQuery(client.Value, [clusterId], start, end, requiresShutdown ?? false), ct);
        return TypedResults.Ok(new SlotCheckDto(verdict.Allowed, verdict.Rule, verdict.Reason, verdict.NextStart, verdict.NextEnd, verdict.TimeZone));
    }
}
