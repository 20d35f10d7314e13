using System.ComponentModel.DataAnnotations;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IamOps.Server.Modules.Changes;

public sealed record DeclareClientChangeRequest(
    [property: Required, MinLength(1), MaxLength(200)] string Title,
    [property: Required, MinLength(1), MaxLength(8000)] string Description,
    [property: Required, MinLength(1), MaxLength(20)] IReadOnlyList<ChangeTargetRequest> Targets,
    DateTimeOffset? PlannedStart = null,
    DateTimeOffset? PlannedEnd = null,
    bool Urgent = false);

/// <summary>The client records a planned or urgent change in its own environment that affects the service (client R); the provider is informed.</summary>
internal static class DeclareClientChange
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/declarations", HandleAsync).WithName(nameof(DeclareClientChange));

    internal static async Task<Results<Created<ChangeDto>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> HandleAsync(
        DeclareClientChangeRequest request, [AsParameters] ChangeStepDeps deps, CancellationToken ct)
    {
        var draft = await CreateChange.ResolveAsync(request.Title, request.Description, request.Targets, new ChangeScores(),
            request.PlannedStart, request.PlannedEnd, null, deps.Db, deps.Catalogue, ct);
        if (draft.Problem is not null)
        {
            return draft.Problem.Status == 404 ? TypedResults.NotFound(draft.Problem) : TypedResults.Problem(draft.Problem);
        }
        if (draft.Errors is not null)
        {
            return TypedResults.ValidationProblem(draft.Errors);
        }
        var check = await deps.Gate.CheckAsync(draft.ClientId, RaciActivities.ClientChangeNotice, RaciDuty.Perform, draft.ContractId);
        if (!check.Allowed)
        {
            return check.ToProblem();
        }
        var now = deps.Clock.GetUtcNow();
        var change = new ChangeRequest
        {
            ClientOrganisationId = draft.ClientId,
            ContractId = draft.ContractId,
            Title = request.Title.Trim(),
            Description = request.Description.Trim(),
            Origin = ChangeOrigin.ClientEnvironment,
            Status = ChangeStatus.Declared,
            Urgent = request.Urgent,
            Scores = draft.Scores,
            ComputedType = ChangeClassification.Classify(draft.Scores).Type,
            PlannedStart = request.PlannedStart?.ToUniversalTime(),
            PlannedEnd = request.PlannedEnd?.ToUniversalTime(),
            RequestedBy = ChangeSteps.Who(deps.Tenant),
            RequestedByParty = Party.Client,
            ApprovalActivityKey = RaciActivities.ClientChangeNotice,
            Targets = draft.Targets,
            CreatedAt = now,
            UpdatedAt = now,
        };
        deps.Audit.ActivityKey = RaciActivities.ClientChangeNotice;
        deps.Db.Add(change);
        foreach (var informed in check.Activity!.PartiesWith(RaciLetter.I))
        {
            await ChangeSteps.TellAsync(deps, change, informed, RaciActivities.ClientChangeNotice,
                request.Urgent ? "Urgent change in the client's environment" : "Planned change in the client's environment",
                $"{change.RequestedBy} declares it{(change.PlannedStart is { } s ? $" from {s:u}" : "")}{(change.PlannedEnd is { } e ? $" to {e:u}" : "")}.\n\n{change.Description}\n\n{check.Activity.Citation}",
                "change.declared", ct);
        }
        await deps.Db.SaveChangesAsync(ct);
        return TypedResults.Created(ChangesModule.Location(change.Id), ChangeDto.From(change, now));
    }
}
