using System.ComponentModel.DataAnnotations;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IamOps.Server.Modules.Interventions;

public sealed record RespondToConsultationRequest([property: Required, MinLength(1), MaxLength(8000)] string Text);

/// <summary>The consulted (C) party gives its input; late answers are still recorded while the work is not closed.</summary>
internal static class RespondToConsultation
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/consultations/{consultationId:guid}/respond", HandleAsync).WithName(nameof(RespondToConsultation));

    internal static async Task<Results<Ok<InterventionDto>, NotFound, Conflict<ProblemDetails>, ProblemHttpResult>> HandleAsync(
        Guid id, Guid consultationId, RespondToConsultationRequest request, [AsParameters] InterventionStepDeps deps, CancellationToken ct)
    {
        var intervention = await InterventionSteps.LoadAsync(deps.Db, id, ct);
        var consultation = intervention?.Consultations.SingleOrDefault(c => c.Id == consultationId);
        if (intervention is null || consultation is null)
        {
            return TypedResults.NotFound();
        }
        var check = await deps.Gate.CheckAsync(intervention.ClientOrganisationId, intervention.ActivityKey, RaciDuty.RespondToConsultation, intervention.ContractId);
        if (!check.Allowed)
        {
            return check.ToProblem();
        }
        var party = deps.Tenant.Party ?? Party.Client;
        if (consultation.ConsultedParty != party)
        {
            return TypedResults.Problem(WorkflowProblems.Forbidden(
                $"This consultation is addressed to {RaciActivityView.PartyName(consultation.ConsultedParty)}; you act for {RaciActivityView.PartyName(party)}."));
        }
        var now = deps.Clock.GetUtcNow();
        if (consultation.RespondedAt is not null)
        {
            var problem = WorkflowProblems.TransitionNotAllowed($"Consultation {consultation.Id}", "answered", "respond", [],
                $"{consultation.RespondedBy} already answered it; add further input as a contribution");
            return TypedResults.Conflict(problem);
        }
        if (intervention.IsClosed)
        {
            return TypedResults.Conflict(InterventionSteps.Conflict(intervention, "respond", "the work is closed"));
        }

        consultation.Response = request.Text.Trim();
        consultation.RespondedBy = deps.Tenant.UserEmail ?? "system";
        consultation.RespondedAt = now;
        intervention.UpdatedAt = now;

        var news = new InterventionNews(intervention, check.Activity!);
        news.To(intervention.AssignedParty, "Consultation answered", $"{consultation.RespondedBy} answered:\n\n{consultation.Response}");
        news.ToInformed("Consultation answered", $"{RaciActivityView.PartyName(party)} gave its input.");
        await news.SendAsync(deps.Notifier, ct);

        await deps.Db.SaveChangesAsync(ct);
        return TypedResults.Ok(InterventionDto.From(intervention, now));
    }
}
