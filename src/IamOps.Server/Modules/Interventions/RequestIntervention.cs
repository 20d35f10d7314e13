using System.ComponentModel.DataAnnotations;
using IamOps.Server.Data;
using IamOps.Server.Modules.AuditTrail;
using IamOps.Server.Modules.Notifications;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.QuoteRequests;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IamOps.Server.Modules.Interventions;

/// <summary>Either party asks for work on a RACI row; the provider names the client, a client always asks for itself.</summary>
public sealed record RequestInterventionRequest(
    Guid? ClientOrganisationId,
    [property: MaxLength(200)] string? ActivityKey,
    [property: Required, MinLength(1), MaxLength(200)] string Title,
    [property: Required, MinLength(1), MaxLength(4000)] string Description);

/// <summary>Opens an intervention assigned to the R party, with consultations for C and notices for I; work no row covers becomes a quote request.</summary>
internal static class RequestIntervention
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/", HandleAsync).WithName(nameof(RequestIntervention));

    internal sealed record Deps(
        IamOpsDb Db, TenantContext Tenant, RaciCatalogue Catalogue, QuoteRequestDesk Quotes, INotifier Notifier, AuditScope Audit,
        TimeProvider Clock, IOptions<InterventionOptions> Options);

    internal static async Task<Results<Created<InterventionDto>, Accepted<RedirectedToQuoteDto>, NotFound<ProblemDetails>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        RequestInterventionRequest request, [AsParameters] Deps deps, CancellationToken ct)
    {
        var tenant = deps.Tenant;
        if (tenant.Party == Party.Client && tenant.Role == Roles.ClientViewer)
        {
            return TypedResults.Problem(WorkflowProblems.Forbidden("The viewer role is read-only; ask an admin or contact of your organisation to request an intervention."));
        }
        var client = tenant.IsProvider ? request.ClientOrganisationId : request.ClientOrganisationId ?? tenant.OrganisationId;
        if (client is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["clientOrganisationId"] = ["The provider must name the client organisation the intervention is for."],
            });
        }
        if (!await deps.Db.Organisations.AnyAsync(o => o.Id == client && o.Kind == Party.Client, ct))
        {
            return TypedResults.NotFound(new ProblemDetails
            {
                Status = 404, Title = "Unknown client", Detail = $"Client organisation {client} does not exist or is not yours.",
            });
        }

        var key = string.IsNullOrWhiteSpace(request.ActivityKey) ? null : request.ActivityKey.Trim();
        var row = key is null ? null : await deps.Catalogue.FindForClientAsync(client.Value, key, ct);
        var uncovered = key is null
            ? "no activity key was given, and work outside the RACI matrix requires a quote"
            : row is null
                ? $"no row of the client's contract has the key '{key}', and work the contract does not define requires a quote"
                : row.PartiesWith(RaciLetter.R).Count == 0
                    ? $"the row '{key}' names no responsible (R) party, so nobody performs it under the contract"
                    : null;
        if (uncovered is not null || row is null)
        {
            var quote = await deps.Quotes.OpenAsync(client.Value, request.Title, request.Description, key, ct);
            await deps.Db.SaveChangesAsync(ct);
            var location = QuoteRequestsModule.Location(quote.Id);
            return TypedResults.Accepted(location, new RedirectedToQuoteDto("quote-request", quote.Id, location,
                $"Recorded as a quote request: {uncovered}."));
        }

        deps.Audit.ActivityKey = row.Key;
        var now = deps.Clock.GetUtcNow();
        var asker = tenant.Party ?? Party.Client;
        var responsible = row.PartiesWith(RaciLetter.R)[0];
        var intervention = new Intervention
        {
            ClientOrganisationId = client.Value,
            ContractId = row.ContractId!.Value,
            ActivityKey = row.Key,
            Title = request.Title.Trim(),
            Description = request.Description.Trim(),
            Status = InterventionStatus.Open,
            AssignedParty = responsible,
            RequestedBy = tenant.UserEmail ?? "system",
            RequestedByParty = asker,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var due = now + deps.Options.Value.ConsultationDue;
        intervention.Consultations.AddRange(row.PartiesWith(RaciLetter.C).Select(p => new Consultation
        {
            ClientOrganisationId = client.Value,
            ConsultedParty = p,
            RequestedAt = now,
            DueAt = due,
        }));
        deps.Db.Add(intervention);

        var news = new InterventionNews(intervention, row);
        if (responsible != asker)
        {
            news.To(responsible, "Work requested of you", $"{intervention.RequestedBy} asks you, as the responsible (R) party, to perform it.\n\n{intervention.Description}");
        }
        news.To(row.PartiesWith(RaciLetter.C), "Your input is requested",
            $"You are consulted (C) before this work completes; answer by {due:yyyy-MM-dd HH:mm} UTC.\n\n{intervention.Description}");
        news.ToInformed("Intervention opened", $"{intervention.RequestedBy} opened it; {RaciActivityView.PartyName(responsible)} performs it.");
        await news.SendAsync(deps.Notifier, ct);

        await deps.Db.SaveChangesAsync(ct);
        return TypedResults.Created(InterventionsModule.Location(intervention.Id), InterventionDto.From(intervention, now));
    }
}
