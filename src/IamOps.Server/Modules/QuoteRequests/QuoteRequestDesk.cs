using IamOps.Server.Data;
using IamOps.Server.Modules.Notifications;
using IamOps.Server.Modules.Platform;

namespace IamOps.Server.Modules.QuoteRequests;

/// <summary>Opens quote requests for other modules (an intervention that no RACI row covers becomes one).</summary>
public sealed class QuoteRequestDesk(IamOpsDb db, TenantContext tenant, INotifier notifier, TimeProvider clock)
{
    /// <summary>Adds a quote request in state <c>requested</c> and tells the provider; saved by the caller's next SaveChangesAsync.</summary>
    public async Task<QuoteRequest> OpenAsync(Guid clientOrganisationId, string title, string description, string? activityKey, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var request = new QuoteRequest
        {
            ClientOrganisationId = clientOrganisationId,
            Title = title.Trim(),
            Description = description.Trim(),
            ActivityKey = activityKey,
            Status = QuoteRequestStatus.Requested,
            RequestedBy = tenant.UserEmail ?? "system",
            RequestedByParty = tenant.Party ?? Party.Client,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(request);
        await notifier.NotifyAsync(new NotificationMessage(clientOrganisationId, Party.Provider, activityKey,
            $"Quote requested: {request.Title}",
            $"{request.RequestedBy} asked for work that the contract's RACI matrix does not cover; it needs a quote before anyone does it.\n\n{request.Description}",
            QuoteRequestsModule.Location(request.Id)), ct);
        return request;
    }
}
