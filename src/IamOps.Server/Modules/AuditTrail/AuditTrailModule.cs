using System.Text;
using System.Text.Json.Nodes;
using IamOps.Core.AuditTrail;
using IamOps.Server.Data;

using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.AuditTrail;

public sealed record AuditEntryDto(
    long Seq, Guid ChainId, DateTimeOffset At, string Actor, string Action, string? ActivityKey,
    string EntityType, string? EntityId, JsonNode? Before, JsonNode? After, string Hash);

public static class AuditTrailModule
{
    public static void MapAuditTrail(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/audit-trail").WithTags("Audit trail").RequireAuthorization();
        group.MapGet("/", ListAsync).WithName("ListAuditEntries");
        group.MapGet("/export", ExportAsync).WithName("ExportAuditTrail")
            .Produces(200, contentType: "application/x-ndjson");
        group.MapGet("/verify", VerifyAsync).WithName("VerifyAuditTrail");
    }

    /// <summary>The chain a request reads: a client always its own; the provider any, its own by default.</summary>
    private static Guid ChainFor(TenantContext tenant, Guid? chainId) =>
        tenant.IsRestricted ? tenant.RestrictedOrganisationId : chainId ?? tenant.OrganisationId ?? Guid.Empty;

    internal static async Task<Results<Ok<Page<AuditEntryDto>>, ValidationProblem>> ListAsync(
        IamOpsDb db, TenantContext tenant, Guid? chainId, int? page, int? pageSize, CancellationToken ct)
    {
        var p = page ?? 1;
        var size = pageSize ?? 50;
        if (p < 1 || size is < 1 or > 500)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [p < 1 ? "page" : "pageSize"] = ["page starts at 1; pageSize is between 1 and 500."],
            });
        }
        var chain = ChainFor(tenant, chainId);
        var query = db.AuditEntries.AsNoTracking().Where(a => a.ChainId == chain);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(a => a.Seq).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var items = rows.Select(a => new AuditEntryDto(a.Seq, a.ChainId, a.At, a.Actor, a.Action, a.ActivityKey, a.EntityType, a.EntityId,
            a.Before is null ? null : JsonNode.Parse(a.Before), a.After is null ? null : JsonNode.Parse(a.After), a.Hash)).ToList();
        return TypedResults.Ok(new Page<AuditEntryDto>(items, p, size, total));
    }

    private static async Task ExportAsync(HttpContext http, IamOpsDb db, TenantContext tenant, Guid? chainId, CancellationToken ct)
    {
        var chain = ChainFor(tenant, chainId);
        http.Response.ContentType = "application/x-ndjson; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-trail-{chain}.jsonl\"";
        await foreach (var line in Lines(db, chain).WithCancellation(ct))
        {
            await http.Response.WriteAsync(line, Encoding.UTF8, ct);
            await http.Response.WriteAsync("\n", Encoding.UTF8, ct);
        }
    }

    internal static async Task<Ok<AuditChainVerification>> VerifyAsync(IamOpsDb db, TenantContext tenant, Guid? chainId, CancellationToken ct)
    {
        var chain = ChainFor(tenant, chainId);
        var lines = new List<string>();
        await foreach (var line in Lines(db, chain).WithCancellation(ct))
        {
            lines.Add(line);
        }
        return TypedResults.Ok(AuditChain.Verify(lines));
    }

    private static async IAsyncEnumerable<string> Lines(IamOpsDb db, Guid chain)
    {
        // Read in batches by sequence so a million-entry chain streams in bounded memory.
        const int batch = 2000;
        long after = 0;
        while (true)
        {
            var rows = await db.AuditEntries.AsNoTracking()
                .Where(a => a.ChainId == chain && a.Seq > after)
                .OrderBy(a => a.Seq).Take(batch).ToListAsync();
            foreach (var row in rows)
            {
                yield return CanonicalJson.Serialize(AuditEntryContent.ToJson(row, withHash: true));
            }
            if (rows.Count < batch)
            {
                yield break;
            }
            after = rows[^1].Seq;
        }
    }
}
