using IamOps.Server.Data;
using IamOps.Server.Modules.Notifications;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Interventions;

/// <summary>The services every intervention step needs; bound from DI with <c>[AsParameters]</c>.</summary>
internal sealed record InterventionStepDeps(IamOpsDb Db, TenantContext Tenant, RaciGate Gate, INotifier Notifier, TimeProvider Clock);

/// <summary>What every intervention step shares: loading, the 409 answer, and telling the parties.</summary>
internal static class InterventionSteps
{
    public static Task<Intervention?> LoadAsync(IamOpsDb db, Guid id, CancellationToken ct) =>
        db.Set<Intervention>().Include(i => i.Contributions).Include(i => i.Consultations).AsSplitQuery()
            .SingleOrDefaultAsync(i => i.Id == id, ct);

    public static ProblemDetails Conflict(Intervention i, string attempted, string? why = null) =>
        WorkflowProblems.TransitionNotAllowed($"Intervention {i.Id}", Intervention.StateName(i.Status), attempted, i.Allowed, why);
}

/// <summary>The notifications of one step: one per party, the most specific message winning, the I parties always told.</summary>
internal sealed class InterventionNews(Intervention intervention, RaciActivityView row)
{
    private readonly Dictionary<Party, (string Subject, string Body)> _messages = [];

    /// <summary>Tells the given parties, unless a message for them is already queued.</summary>
    public InterventionNews To(IEnumerable<Party> parties, string subject, string body)
    {
        foreach (var party in parties)
        {
            _messages.TryAdd(party, (subject, body));
        }
        return this;
    }

    public InterventionNews To(Party party, string subject, string body) => To([party], subject, body);

    /// <summary>The I parties of the row, told of every step.</summary>
    public InterventionNews ToInformed(string subject, string body) => To(row.PartiesWith(RaciLetter.I), subject, body);

    public async Task SendAsync(INotifier notifier, CancellationToken ct)
    {
        foreach (var (party, message) in _messages)
        {
            await notifier.NotifyAsync(new NotificationMessage(intervention.ClientOrganisationId, party, intervention.ActivityKey,
                $"{message.Subject}: {intervention.Title}",
                $"{message.Body}\n\n{row.Citation}",
                InterventionsModule.Location(intervention.Id)), ct);
        }
    }
}
