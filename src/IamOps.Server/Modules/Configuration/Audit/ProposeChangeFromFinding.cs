using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using System.Text.Json;
using IamOps.Core.KeycloakAudit;
using IamOps.Server.Modules.Changes;
using IamOps.Server.Modules.Configuration.Snapshots;
using IamOps.Server.Modules.Notifications;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Configuration.Audit;

public sealed record ProposeChangeRequest([property: Required, MaxLength(64)] string RuleId, [property: MaxLength(1000)] string? Path = null);

/// <summary>
/// The provider (S on the configuration rows) turns an audit finding into a change request draft for the client, who
/// decides and applies (R, A): the draft names the realm, the finding, its fix and references.
/// </summary>
internal static class ProposeChangeFromFinding
{
    private static readonly KeycloakAuditor Auditor = new();

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/realms/{realm}/findings/propose-change", HandleAsync).WithName("ProposeChangeFromFinding");

    internal static async Task<Results<Created<ChangeDto>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> HandleAsync(
        Guid clusterId, string realm, ProposeChangeRequest request, [AsParameters] ChangeStepDeps deps, CancellationToken ct)
    {
        var snapshot = await deps.Db.Set<ConfigurationSnapshot>().AsNoTracking()
            .Where(s => s.ClusterId == clusterId && s.Realm == realm && s.Status == SnapshotStatus.Succeeded)
            .OrderByDescending(s => s.Version).FirstOrDefaultAsync(ct);
        if (snapshot is null)
        {
            return TypedResults.NotFound(new ProblemDetails
            {
                Status = 404, Title = "No snapshot",
                Detail = $"Realm '{realm}' of cluster {clusterId} has no successful configuration snapshot to take a finding from.",
            });
        }
        var json = await deps.Db.Set<ConfigurationSnapshotContent>().AsNoTracking().Where(c => c.Id == snapshot.Id).Select(c => c.Json).SingleAsync(ct);
        using var document = JsonDocument.Parse(json);
        var report = Auditor.Audit(document.RootElement, [], deps.Clock.GetUtcNow());
        var finding = report.Findings.FirstOrDefault(f => string.Equals(f.RuleId, request.RuleId, StringComparison.OrdinalIgnoreCase)
            && (request.Path is null || f.Path == request.Path));
        if (finding is null)
        {
            return TypedResults.NotFound(new ProblemDetails
            {
                Status = 404, Title = "No such finding",
                Detail = $"The latest snapshot (version {snapshot.Version}) of realm '{realm}' has no finding {request.RuleId}"
                    + (request.Path is null ? "." : $" at {request.Path}.") + " Read the current findings with GET …/configuration/realms/{realm}/audit.",
            });
        }
        var rule = Auditor.Rules.Single(r => r.Id == finding.RuleId);
        var description = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Security audit finding {finding.RuleId} ({finding.Severity}) on realm '{realm}', snapshot version {snapshot.Version}:")
            .AppendLine(finding.Message)
            .AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Where: {finding.Path}")
            .AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Why: {rule.Rationale}")
            .AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Proposed fix: {finding.Fix}")
            .AppendLine().AppendLine("References:");
        foreach (var reference in rule.References)
        {
            description.AppendLine(CultureInfo.InvariantCulture, $"- {reference.Source} {reference.Id}: {reference.Title} <{reference.Url}>");
        }
        var title = $"Fix {finding.RuleId}: {finding.Title}";
        var impact = finding.Severity >= AuditSeverity.High ? 2 : 1;
        var create = new CreateChangeRequest(
            title.Length <= 200 ? title : title[..199] + "…",
            description.ToString(),
            [new ChangeTargetRequest(clusterId, "realm", realm)],
            RollbackPlan: "Restore the previous value from the configuration snapshot " + snapshot.Id + ".",
            Scores: new ChangeScores(Complexity: 1, Importance: 2, ServiceImpact: impact, Irreversibility: 1));
        // Queued before the draft is saved, so the client's notice commits in the same transaction as the draft.
        await deps.Notifier.NotifyAsync(new NotificationMessage(snapshot.ClientOrganisationId, Party.Client,
            RaciActivities.KeycloakSecurityStateOfTheArt, $"Change proposed for realm {realm}: {finding.Title}",
            $"{finding.Message}\n\nProposed fix: {finding.Fix}\n\nThe draft change request is yours to review, approve and apply.",
            "/changes", "configuration.change-proposed"), ct);
        return await CreateChange.HandleAsync(create, deps, ct);
    }
}
