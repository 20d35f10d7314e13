using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using IamOps.Core.KeycloakAudit;
using IamOps.Server.Data;
using IamOps.Server.Modules.Clusters;
using IamOps.Server.Modules.Configuration.Snapshots;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Configuration.Audit;

public sealed record ReferenceDto(string Source, string Id, string Title, Uri Url);

public sealed record FindingDto(
    string RuleId, string Title, AuditSeverity Severity, string Category, string Path, string Message, string Fix, string Rationale,
    IReadOnlyList<ReferenceDto> References, AcceptedRiskDto? AcceptedRisk);

public sealed record ScorePointDto(Guid SnapshotId, int Version, DateTimeOffset TakenAt, int Score, int OpenFindings);

public sealed record RealmAuditDto(
    Guid ClusterId, string Realm, Guid SnapshotId, int Version, DateTimeOffset TakenAt, int Score, IReadOnlyList<ScorePointDto> Trend,
    IReadOnlyList<FindingDto> Findings);

public sealed record AcceptRiskRequest(
    [property: Required, MaxLength(64)] string RuleId,
    [property: MaxLength(1000)] string? Path,
    [property: Required, MinLength(10), MaxLength(2000)] string Reason,
    DateTimeOffset? ExpiresAt);

/// <summary>Live audit of a realm: the audit engine run on each stored snapshot (score trend) and the latest one's findings;
/// accepted risks are approved by the client's accountable (A) party on the "state of the art" row.</summary>
internal static class RealmAudit
{
    private const int TrendLength = 30;
    private static readonly KeycloakAuditor Auditor = new();

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/realms/{realm}/audit", GetAsync).WithName("GetRealmAudit");
        group.MapGet("/realms/{realm}/accepted-risks", ListRisksAsync).WithName("ListAcceptedRisks");
        group.MapPost("/realms/{realm}/accepted-risks", AcceptAsync).WithName("AcceptRisk");
    }

    internal static async Task<Results<Ok<RealmAuditDto>, NotFound<ProblemDetails>>> GetAsync(
        Guid clusterId, string realm, IamOpsDb db, TimeProvider clock, CancellationToken ct)
    {
        var snapshots = await db.Set<ConfigurationSnapshot>().AsNoTracking()
            .Where(s => s.ClusterId == clusterId && s.Realm == realm && s.Status == SnapshotStatus.Succeeded)
            .OrderByDescending(s => s.Version).Take(TrendLength).ToListAsync(ct);
        if (snapshots.Count == 0)
        {
            return TypedResults.NotFound(new ProblemDetails
            {
                Status = 404, Title = "No snapshot",
                Detail = $"Realm '{realm}' of cluster {clusterId} has no successful configuration snapshot; take one with POST {ConfigurationModule.ClusterPath(clusterId)}/configuration/snapshots.",
            });
        }
        var risks = await db.Set<AcceptedRisk>().AsNoTracking().Where(r => r.ClusterId == clusterId && r.Realm == realm).ToListAsync(ct);
        var suppressions = risks.ToDictionary<AcceptedRisk, Suppression, AcceptedRisk>(r => r.ToSuppression(), r => r, ReferenceEqualityComparer.Instance);
        var now = clock.GetUtcNow();
        var ids = snapshots.Select(s => s.Id).ToList();
        var contents = await db.Set<ConfigurationSnapshotContent>().AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Json, ct);
        var trend = new List<ScorePointDto>();
        RealmAuditReport? latest = null;
        foreach (var snapshot in snapshots)
        {
            using var document = JsonDocument.Parse(contents[snapshot.Id]);
            var report = Auditor.Audit(document.RootElement, suppressions.Keys, now);
            latest ??= report;
            trend.Add(new ScorePointDto(snapshot.Id, snapshot.Version ?? 0, snapshot.TakenAt, report.Score, report.Open().Count()));
        }
        var rules = Auditor.Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var findings = latest!.Findings.OrderByDescending(f => f.Severity).ThenBy(f => f.RuleId, StringComparer.Ordinal).Select(f =>
        {
            var rule = rules[f.RuleId];
            return new FindingDto(f.RuleId, f.Title, f.Severity, f.Category, f.Path, f.Message, f.Fix, rule.Rationale,
                [.. rule.References.Select(r => new ReferenceDto(r.Source, r.Id, r.Title, r.Url))],
                f.SuppressedBy is { } s && suppressions.TryGetValue(s, out var risk) ? AcceptedRiskDto.From(risk) : null);
        }).ToList();
        trend.Reverse();
        var current = snapshots[0];
        return TypedResults.Ok(new RealmAuditDto(clusterId, realm, current.Id, current.Version ?? 0, current.TakenAt, latest.Score, trend, findings));
    }

    internal static async Task<Results<Ok<List<AcceptedRiskDto>>, NotFound>> ListRisksAsync(Guid clusterId, string realm, IamOpsDb db, CancellationToken ct)
    {
        if (!await db.Set<Cluster>().AnyAsync(c => c.Id == clusterId, ct))
        {
            return TypedResults.NotFound();
        }
        var risks = await db.Set<AcceptedRisk>().AsNoTracking().Where(r => r.ClusterId == clusterId && r.Realm == realm)
            .OrderByDescending(r => r.Id).ToListAsync(ct);
        return TypedResults.Ok(risks.Select(AcceptedRiskDto.From).ToList());
    }

    internal static async Task<Results<Created<AcceptedRiskDto>, NotFound, ValidationProblem, ProblemHttpResult>> AcceptAsync(
        Guid clusterId, string realm, AcceptRiskRequest request, IamOpsDb db, RaciGate gate, TenantContext tenant,
        IamOps.Server.Modules.AuditTrail.AuditScope audit, TimeProvider clock, CancellationToken ct)
    {
        var cluster = await db.Set<Cluster>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == clusterId, ct);
        if (cluster is null)
        {
            return TypedResults.NotFound();
        }
        var check = await gate.CheckAsync(cluster.ClientOrganisationId, RaciActivities.KeycloakSecurityStateOfTheArt, RaciDuty.Approve);
        if (!check.Allowed)
        {
            return TypedResults.Problem(check.ToProblemDetails());
        }
        var now = clock.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        if (Auditor.Rules.All(r => r.Id != request.RuleId))
        {
            errors["ruleId"] = [$"Unknown rule '{request.RuleId}'; rule ids are listed with each finding (e.g. {Auditor.Rules[0].Id})."];
        }
        if (request.ExpiresAt is { } expires && expires <= now)
        {
            errors["expiresAt"] = ["An accepted risk expires in the future; omit expiresAt only for a risk accepted without end."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var risk = new AcceptedRisk
        {
            ClientOrganisationId = cluster.ClientOrganisationId,
            ClusterId = clusterId,
            Realm = realm,
            RuleId = request.RuleId,
            Path = string.IsNullOrWhiteSpace(request.Path) ? null : request.Path.Trim(),
            Reason = request.Reason.Trim(),
            ExpiresAt = request.ExpiresAt,
            ApprovedBy = tenant.UserEmail ?? "unknown",
            ApprovedAt = now,
        };
        db.Add(risk);
        audit.ActivityKey = RaciActivities.KeycloakSecurityStateOfTheArt;
        audit.Action = "risk-accepted";
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{ConfigurationModule.ClusterPath(clusterId)}/configuration/realms/{Uri.EscapeDataString(realm)}/accepted-risks", AcceptedRiskDto.From(risk));
    }
}
