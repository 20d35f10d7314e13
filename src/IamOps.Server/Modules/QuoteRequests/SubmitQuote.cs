using System.ComponentModel.DataAnnotations;
using IamOps.Server.Data;
using IamOps.Server.Modules.Notifications;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.QuoteRequests;

public sealed record SubmitQuoteRequest(
    [property: Range(typeof(decimal), "0.01", "1000000000", ErrorMessage = "amount must be between 0.01 and 1,000,000,000.")] decimal Amount,
    [property: Required, RegularExpression("^[A-Z]{3}$", ErrorMessage = "currency is an ISO 4217 code such as EUR.")] string Currency,
    [property: Required, MinLength(1), MaxLength(4000)] string Text);

/// <summary>A provider manager quotes a requested piece of work: requested → quoted.</summary>
internal static class SubmitQuote
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/{id:guid}/quote", HandleAsync)
        .WithName(nameof(SubmitQuote)).RequireAuthorization(Policies.ProviderManager);

    internal static async Task<Results<Ok<QuoteRequestDto>, NotFound, Conflict<ProblemDetails>>> HandleAsync(
        Guid id, SubmitQuoteRequest request, IamOpsDb db, TenantContext tenant, INotifier notifier, TimeProvider clock, CancellationToken ct)
    {
        var quote = await db.Set<QuoteRequest>().SingleOrDefaultAsync(q => q.Id == id, ct);
        if (quote is null)
        {
            return TypedResults.NotFound();
        }
        if (quote.Status != QuoteRequestStatus.Requested)
        {
            return TypedResults.Conflict(WorkflowProblems.TransitionNotAllowed($"Quote request {id}", QuoteRequest.StateName(quote.Status), "quote", quote.Allowed));
        }

        quote.Status = QuoteRequestStatus.Quoted;
        quote.QuotedAmount = request.Amount;
        quote.Currency = request.Currency;
        quote.QuoteText = request.Text.Trim();
        quote.QuotedBy = tenant.UserEmail;
        quote.UpdatedAt = clock.GetUtcNow();
        quote.Version++;
        await notifier.NotifyAsync(new NotificationMessage(quote.ClientOrganisationId, Party.Client, quote.ActivityKey,
            $"Quote ready: {quote.Title}",
            $"CLOUD-IAM quoted {request.Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} {request.Currency}: {quote.QuoteText}\nAn admin of your organisation may accept or refuse it.",
            QuoteRequestsModule.Location(quote.Id)), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(QuoteRequestDto.From(quote));
    }
}
