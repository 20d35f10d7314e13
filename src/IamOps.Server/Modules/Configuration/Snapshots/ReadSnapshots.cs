using System.Text.Json.Nodes;
using IamOps.Server.Data;
using IamOps.Server.Modules.Clusters;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Configuration.Snapshots;

public sealed record SnapshotDetailDto(SnapshotDto Snapshot, JsonNode? Content);

public sealed record SnapshotDiffDto(SnapshotDto From, SnapshotDto To, IReadOnlyList<DiffEntry> Changes);

public sealed record DriftDetailDto(DriftDto Drift, IReadOnlyList<DiffEntry> Changes);

/// <summary>Snapshot history, one snapshot's redacted content, the diff between any two, and drifts.</summary>
internal static class ReadSnapshots
{
    public const int MaxPageSize = 200;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/snapshots", ListAsync).WithName("ListSnapshots");
        group.MapGet("/snapshots/{snapshotId:guid}", GetAsync).WithName("GetSnapshot");
        group.MapGet("/diff", DiffAsync).WithName("DiffSnapshots");
        group.MapGet("/drifts", ListDriftsAsync).WithName("ListDrifts");
        group.MapGet("/drifts/{driftId:guid}", GetDriftAsync).WithName("GetDrift");
    }

    internal static async Task<Results<Ok<Page<SnapshotDto>>, NotFound, ValidationProblem>> ListAsync(
        Guid clusterId, string? realm, int? page, int? pageSize, IamOpsDb db, CancellationToken ct)
    {
        var (p, size) = (page ?? 1, pageSize ?? 50);
        if (p < 1 || size is < 1 or > MaxPageSize)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["pageSize"] = [$"page starts at 1; pageSize is 1 to {MaxPageSize}."] });
        }
        if (!await db.Set<Cluster>().AnyAsync(c => c.Id == clusterId, ct))
        {
            return TypedResults.NotFound();
        }
        var query = db.Set<ConfigurationSnapshot>().AsNoTracking().Where(s => s.ClusterId == clusterId);
        if (!string.IsNullOrWhiteSpace(realm))
        {
            query = query.Where(s => s.Realm == realm);
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(s => s.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Page<SnapshotDto>([.. items.Select(SnapshotDto.From)], p, size, total));
    }

    internal static async Task<Results<Ok<SnapshotDetailDto>, NotFound>> GetAsync(Guid clusterId, Guid snapshotId, IamOpsDb db, CancellationToken ct)
    {
        var snapshot = await db.Set<ConfigurationSnapshot>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == snapshotId && s.ClusterId == clusterId, ct);
        if (snapshot is null)
        {
            return TypedResults.NotFound();
        }
        var content = await db.Set<ConfigurationSnapshotContent>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == snapshotId, ct);
        return TypedResults.Ok(new SnapshotDetailDto(SnapshotDto.From(snapshot), content is null ? null : JsonNode.Parse(content.Json)));
    }

    internal static async Task<Results<Ok<SnapshotDiffDto>, NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails>, ValidationProblem>> DiffAsync(
        Guid clusterId, Guid? from, Guid? to, IamOpsDb db, CancellationToken ct)
    {
        if (from is null || to is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [from is null ? "from" : "to"] = ["Give the ids of two successful snapshots: ?from=…&to=…"],
            });
        }
        var snapshots = await db.Set<ConfigurationSnapshot>().AsNoTracking()
            .Where(s => s.ClusterId == clusterId && (s.Id == from || s.Id == to) && s.Status == SnapshotStatus.Succeeded).ToListAsync(ct);
        var contents = await db.Set<ConfigurationSnapshotContent>().AsNoTracking().Where(c => c.Id == from || c.Id == to).ToListAsync(ct);
        var (a, b) = (snapshots.SingleOrDefault(s => s.Id == from), snapshots.SingleOrDefault(s => s.Id == to));
        var (ca, cb) = (contents.SingleOrDefault(c => c.Id == from), contents.SingleOrDefault(c => c.Id == to));
        if (a is null || b is null || ca is null || cb is null)
        {
            return TypedResults.NotFound(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = 404, Title = "Snapshot not found",
                Detail = $"Snapshot {(a is null || ca is null ? from : to)} is not a successful snapshot of cluster {clusterId}.",
            });
        }
        return TypedResults.Ok(new SnapshotDiffDto(SnapshotDto.From(a), SnapshotDto.From(b), JsonDiff.Compare(JsonNode.Parse(ca.Json), JsonNode.Parse(cb.Json))));
    }

    internal static async Task<Results<Ok<List<DriftDto>>, NotFound>> ListDriftsAsync(Guid clusterId, string? realm, IamOpsDb db, CancellationToken ct)
    {
        if (!await db.Set<Cluster>().AnyAsync(c => c.Id == clusterId, ct))
        {
            return TypedResults.NotFound();
        }
        var query = db.Set<ConfigurationDrift>().AsNoTracking().Where(d => d.ClusterId == clusterId);
        if (!string.IsNullOrWhiteSpace(realm))
        {
            query = query.Where(d => d.Realm == realm);
        }
        var drifts = await query.OrderByDescending(d => d.Id).Take(500).ToListAsync(ct);
        return TypedResults.Ok(drifts.Select(DriftDto.From).ToList());
    }

    internal static async Task<Results<Ok<DriftDetailDto>, NotFound>> GetDriftAsync(Guid clusterId, Guid driftId, IamOpsDb db, CancellationToken ct)
    {
        var drift = await db.Set<ConfigurationDrift>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == driftId && d.ClusterId == clusterId, ct);
        if (drift is null)
        {
            return TypedResults.NotFound();
        }
        var contents = await db.Set<ConfigurationSnapshotContent>().AsNoTracking()
            .Where(c => c.Id == drift.FromSnapshotId || c.Id == drift.ToSnapshotId).ToListAsync(ct);
        var changes = JsonDiff.Compare(JsonNode.Parse(contents.Single(c => c.Id == drift.FromSnapshotId).Json),
            JsonNode.Parse(contents.Single(c => c.Id == drift.ToSnapshotId).Json));
        return TypedResults.Ok(new DriftDetailDto(DriftDto.From(drift), changes));
    }
}
