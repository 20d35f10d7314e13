using System.ComponentModel.DataAnnotations;
using IamOps.Server.Data;
using IamOps.Server.Modules.Notifications;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.QuoteRequests;

public sealed record QuoteDecisionRequest([property: MaxLength(2000)] string? Reason);

/// <summary>A client admin accepts or refuses a quote: quoted → accepted | refused.</summary>
internal static class DecideQuote
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/accept", (Guid id, QuoteDecisionRequest? request, [AsParameters] Deps deps, CancellationToken ct) =>
            HandleAsync(id, accept: true, request?.Reason, deps, ct)).WithName("AcceptQuote");
        group.MapPost("/{id:guid}/refuse", (Guid id, QuoteDecisionRequest? request, [AsParameters] Deps deps, CancellationToken ct) =>
            HandleAsync(id, accept: false, request?.Reason, deps, ct)).WithName("RefuseQuote");
    }

    internal sealed record Deps(IamOpsDb Db, TenantContext Tenant, INotifier Notifier, TimeProvider Clock);

    internal static async Task<Results<Ok<QuoteRequestDto>, NotFound, Conflict<ProblemDetails>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, bool accept, string? reason, Deps deps, CancellationToken ct)
    {
        var verb = accept ? "accept" : "refuse";
        var quote = await deps.Db.Set<QuoteRequest>().SingleOrDefaultAsync(q => q.Id == id, ct);
        if (quote is null)
        {
            return TypedResults.NotFound();
        }
        if (deps.Tenant.Party != Party.Client || deps.Tenant.Role != Roles.ClientAdmin)
        {
            return TypedResults.Problem(WorkflowProblems.Forbidden($"Only an admin of the client organisation may {verb} a quote; it is the client's money."));
        }
        if (!accept && string.IsNullOrWhiteSpace(reason))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Say why the quote is refused."] });
        }
        if (quote.Status != QuoteRequestStatus.Quoted)
        {
            return TypedResults.Conflict(WorkflowProblems.TransitionNotAllowed($"Quote request {id}", QuoteRequest.StateName(quote.Status), verb, quote.Allowed));
        }

        quote.Status = accept ? QuoteRequestStatus.Accepted : QuoteRequestStatus.Refused;
        quote.DecisionReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        quote.DecidedBy = deps.Tenant.UserEmail;
        quote.UpdatedAt = deps.Clock.GetUtcNow();
        quote.Version++;
        await deps.Notifier.NotifyAsync(new NotificationMessage(quote.ClientOrganisationId, Party.Provider, quote.ActivityKey,
            $"Quote {(accept ? "accepted" : "refused")}: {quote.Title}",
            $"{quote.DecidedBy} {(accept ? "accepted" : "refused")} the quote of {quote.QuotedAmount?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} {quote.Currency}."
                + (quote.DecisionReason is null ? "" : $" Reason: {quote.DecisionReason}"),
            QuoteRequestsModule.Location(quote.Id)), ct);
        await deps.Db.SaveChangesAsync(ct);
        return TypedResults.Ok(QuoteRequestDto.From(quote));
    }
}
