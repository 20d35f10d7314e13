using IamOps.Server.Data;
using IamOps.Server.Modules.Notifications;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;

namespace IamOps.Server.Modules.Incidents;

/// <summary>What another capability (urgent changes, backup verification, monitoring) asks for when it opens an incident.</summary>
public sealed record OpenIncident(
    Guid ClientOrganisationId,
    string Title,
    string? Description,
    IncidentSeverity Severity,
    IncidentSource Source,
    IReadOnlyList<Guid> ClusterIds,
    bool UsersAffected = false,
    IReadOnlyList<IncidentLink>? Links = null);

/// <summary>Opens incidents on behalf of other capabilities, in the caller's unit of work.</summary>
public interface IIncidentOpener
{
    /// <summary>Adds the incident to the context and queues its notifications; the caller's SaveChangesAsync commits both.</summary>
    Task<Incident> OpenAsync(OpenIncident request, CancellationToken ct);
}

internal sealed class IncidentOpener(IamOpsDb db, TenantContext tenant, TimeProvider clock, INotifier notifier) : IIncidentOpener
{
    public async Task<Incident> OpenAsync(OpenIncident request, CancellationToken ct)
    {
        var incident = new Incident
        {
            ClientOrganisationId = request.ClientOrganisationId,
            Title = request.Title,
            Description = request.Description,
            Severity = request.Severity,
            Source = request.Source,
            ClusterIds = [.. request.ClusterIds],
            UsersAffected = request.UsersAffected,
            Links = [.. request.Links ?? []],
            OpenedAt = clock.GetUtcNow(),
            OpenedBy = tenant.UserEmail ?? "system",
        };
        db.Add(incident);
        await notifier.NotifyAsync(new NotificationMessage(
            request.ClientOrganisationId, Party.Client, RaciActivities.IncidentManagement,
            $"Incident {request.Severity}: {request.Title}",
            request.Description ?? request.Title,
            $"/api/v1/incidents/{incident.Id}"), ct);
        return incident;
    }
}
