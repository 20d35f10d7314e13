using System.ComponentModel.DataAnnotations;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IamOps.Server.Modules.Interventions;

public sealed record ContributeRequest([property: Required, MinLength(1), MaxLength(8000)] string Text);

/// <summary>A party holding S (or R) adds a comment or resource to open work.</summary>
internal static class ContributeToIntervention
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/contributions", HandleAsync).WithName(nameof(ContributeToIntervention));

    internal static async Task<Results<Created<InterventionDto>, NotFound, Conflict<ProblemDetails>, ProblemHttpResult>> HandleAsync(
        Guid id, ContributeRequest request, [AsParameters] InterventionStepDeps deps, CancellationToken ct)
    {
        var intervention = await InterventionSteps.LoadAsync(deps.Db, id, ct);
        if (intervention is null)
        {
            return TypedResults.NotFound();
        }
        var check = await deps.Gate.CheckAsync(intervention.ClientOrganisationId, intervention.ActivityKey, RaciDuty.Contribute, intervention.ContractId);
        if (!check.Allowed)
        {
            return check.ToProblem();
        }
        if (intervention.IsClosed)
        {
            return TypedResults.Conflict(InterventionSteps.Conflict(intervention, "contribute", "contributions are taken while the work is open or awaiting approval"));
        }

        var now = deps.Clock.GetUtcNow();
        var party = deps.Tenant.Party ?? Party.Client;
        var contribution = new InterventionContribution
        {
            InterventionId = intervention.Id,
            ClientOrganisationId = intervention.ClientOrganisationId,
            Party = party,
            Author = deps.Tenant.UserEmail ?? "system",
            Text = request.Text.Trim(),
            CreatedAt = now,
        };
        // Added to the context (fix-up puts it in the collection): found only through the navigation, its preset key
        // would make EF update a row that does not exist.
        deps.Db.Add(contribution);
        intervention.UpdatedAt = now;

        var news = new InterventionNews(intervention, check.Activity!);
        if (intervention.AssignedParty != party)
        {
            news.To(intervention.AssignedParty, "Contribution added", $"{contribution.Author} contributed:\n\n{contribution.Text}");
        }
        news.ToInformed("Contribution added", $"{contribution.Author} contributed to the work.");
        await news.SendAsync(deps.Notifier, ct);

        await deps.Db.SaveChangesAsync(ct);
        return TypedResults.Created(InterventionsModule.Location(intervention.Id), InterventionDto.From(intervention, now));
    }
}
