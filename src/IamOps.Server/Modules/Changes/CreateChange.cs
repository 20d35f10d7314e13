using System.ComponentModel.DataAnnotations;
using IamOps.Server.Data;
using IamOps.Server.Modules.Clusters;
using IamOps.Server.Modules.Incidents;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using IamOps.Server.Modules.ResourceHistory;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Changes;

/// <summary>A resource the change touches: the cluster itself (kind omitted or "cluster"), or a node, database or realm by name.</summary>
public sealed record ChangeTargetRequest(Guid ClusterId, [property: MaxLength(16)] string? Kind = null, [property: MaxLength(200)] string? Name = null);

public sealed record CreateChangeRequest(
    [property: Required, MinLength(1), MaxLength(200)] string Title,
    [property: Required, MinLength(1), MaxLength(8000)] string Description,
    [property: Required, MinLength(1), MaxLength(20)] IReadOnlyList<ChangeTargetRequest> Targets,
    [property: MaxLength(8000)] string? RollbackPlan = null,
    bool RequiresShutdown = false,
    bool Urgent = false,
    ChangeScores? Scores = null,
    DateTimeOffset? PlannedStart = null,
    DateTimeOffset? PlannedEnd = null,
    [property: MaxLength(20)] IReadOnlyList<Guid>? LinkedIncidentIds = null);

/// <summary>Either party drafts a change on its clusters; the type is computed from the four scored criteria.</summary>
internal static class CreateChange
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/", HandleAsync).WithName(nameof(CreateChange));

    internal static async Task<Results<Created<ChangeDto>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> HandleAsync(
        CreateChangeRequest request, [AsParameters] ChangeStepDeps deps, CancellationToken ct)
    {
        if (deps.Tenant.Role == Roles.ClientViewer && deps.Tenant.Party == Party.Client)
        {
            return TypedResults.Problem(WorkflowProblems.Forbidden("The viewer role is read-only; ask an admin or contact of your organisation to request a change."));
        }
        var draft = await ResolveAsync(request.Title, request.Description, request.Targets, request.Scores ?? new ChangeScores(),
            request.PlannedStart, request.PlannedEnd, request.LinkedIncidentIds, deps.Db, deps.Catalogue, ct);
        if (draft.Problem is not null)
        {
            return draft.Problem.Status == 404 ? TypedResults.NotFound(draft.Problem) : TypedResults.Problem(draft.Problem);
        }
        if (draft.Errors is not null)
        {
            return TypedResults.ValidationProblem(draft.Errors);
        }

        var now = deps.Clock.GetUtcNow();
        var classification = ChangeClassification.Classify(draft.Scores);
        var change = new ChangeRequest
        {
            ClientOrganisationId = draft.ClientId,
            ContractId = draft.ContractId,
            Title = request.Title.Trim(),
            Description = request.Description.Trim(),
            RollbackPlan = request.RollbackPlan?.Trim(),
            Origin = ChangeOrigin.ManagedService,
            Status = ChangeStatus.Draft,
            RequiresShutdown = request.RequiresShutdown,
            Urgent = request.Urgent,
            Scores = draft.Scores,
            ComputedType = classification.Type,
            PlannedStart = request.PlannedStart?.ToUniversalTime(),
            PlannedEnd = request.PlannedEnd?.ToUniversalTime(),
            RequestedBy = ChangeSteps.Who(deps.Tenant),
            RequestedByParty = deps.Tenant.Party ?? Party.Client,
            ApprovalActivityKey = draft.DatabaseToProduction ? RaciActivities.DatabaseChangePromotion : RaciActivities.ChangeProcedures,
            LinkedIncidentIds = [.. request.LinkedIncidentIds ?? []],
            Targets = draft.Targets,
            CreatedAt = now,
            UpdatedAt = now,
        };
        deps.Audit.ActivityKey = RaciActivities.ChangeProcedures;
        deps.Db.Add(change);
        await deps.Db.SaveChangesAsync(ct);
        return TypedResults.Created(ChangesModule.Location(change.Id), ChangeDto.From(change, now));
    }

    internal sealed record Draft(Guid ClientId, Guid ContractId, List<ChangeTarget> Targets, ChangeScores Scores, bool DatabaseToProduction,
        Dictionary<string, string[]>? Errors = null, ProblemDetails? Problem = null);

    /// <summary>Checks the fields shared by provider changes and client declarations; the clusters decide the client.</summary>
    internal static async Task<Draft> ResolveAsync(string title, string description, IReadOnlyList<ChangeTargetRequest>? targets, ChangeScores scores,
        DateTimeOffset? start, DateTimeOffset? end, IReadOnlyList<Guid>? incidents, IamOpsDb db, RaciCatalogue catalogue, CancellationToken ct)
    {
        var errors = ChangeClassification.Validate(scores);
        if (string.IsNullOrWhiteSpace(title))
        {
            errors["title"] = ["Give the change a title."];
        }
        if (string.IsNullOrWhiteSpace(description))
        {
            errors["description"] = ["Describe the change."];
        }
        if (start is { } s && end is { } e && e <= s)
        {
            errors["plannedEnd"] = [$"The planned end ({e:u}) must be after the planned start ({s:u})."];
        }
        if (targets is null || targets.Count == 0)
        {
            errors["targets"] = ["Name at least one cluster or resource the change touches."];
        }
        var parsed = new List<ChangeTarget>();
        for (var i = 0; i < (targets?.Count ?? 0); i++)
        {
            var t = targets![i];
            if (!Enum.TryParse<ResourceKind>(string.IsNullOrWhiteSpace(t.Kind) ? "cluster" : t.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
            {
                errors[$"targets[{i}].kind"] = [$"Unknown resource kind '{t.Kind}'; use cluster, node, database or realm."];
                continue;
            }
            if (kind != ResourceKind.Cluster && string.IsNullOrWhiteSpace(t.Name))
            {
                errors[$"targets[{i}].name"] = [$"Name the {kind.ToString().ToLowerInvariant()} the change touches."];
                continue;
            }
            parsed.Add(new ChangeTarget { ClusterId = t.ClusterId, Kind = kind, Name = kind == ResourceKind.Cluster ? null : t.Name!.Trim() });
        }
        if (errors.Count > 0)
        {
            return new Draft(Guid.Empty, Guid.Empty, [], scores, false, errors);
        }

        var ids = parsed.Select(t => t.ClusterId).Distinct().ToList();
        var clusters = await db.Set<Cluster>().AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.ClientOrganisationId, c.Environment }).ToListAsync(ct);
        var missing = ids.Except(clusters.Select(c => c.Id)).ToList();
        if (missing.Count > 0)
        {
            return new Draft(Guid.Empty, Guid.Empty, [], scores, false, Problem: new ProblemDetails
            {
                Status = 404, Title = "Unknown cluster", Detail = $"Cluster {missing[0]} does not exist or is not yours.",
            });
        }
        if (clusters.Select(c => c.ClientOrganisationId).Distinct().Count() > 1)
        {
            return new Draft(Guid.Empty, Guid.Empty, [], scores, false, new Dictionary<string, string[]>
            {
                ["targets"] = ["All the clusters of one change must belong to the same client; open one change per client."],
            });
        }
        var linked = incidents?.Distinct().ToList() ?? [];
        if (linked.Count > 0)
        {
            var known = await db.Set<Incident>().Where(i => linked.Contains(i.Id)).Select(i => i.Id).ToListAsync(ct);
            if (linked.Except(known).FirstOrDefault() is var unknown && unknown != Guid.Empty)
            {
                return new Draft(Guid.Empty, Guid.Empty, [], scores, false, Problem: new ProblemDetails
                {
                    Status = 404, Title = "Unknown incident", Detail = $"Incident {unknown} does not exist or is not yours.",
                });
            }
        }
        var client = clusters[0].ClientOrganisationId;
        var contract = await catalogue.ContractIdOfClientAsync(client, ct);
        if (contract is null)
        {
            return new Draft(Guid.Empty, Guid.Empty, [], scores, false, Problem: new ProblemDetails
            {
                Status = 409, Title = "No contract", Detail = "The client has no contract, so no change procedure applies; a provider manager must record its contract first.",
            });
        }
        foreach (var t in parsed)
        {
            t.ClientOrganisationId = client;
        }
        var production = clusters.Where(c => c.Environment == ClusterEnvironment.Production).Select(c => c.Id).ToHashSet();
        var databaseToProduction = parsed.Any(t => t.Kind == ResourceKind.Database && production.Contains(t.ClusterId));
        return new Draft(client, contract.Value, parsed, scores, databaseToProduction);
    }
}
