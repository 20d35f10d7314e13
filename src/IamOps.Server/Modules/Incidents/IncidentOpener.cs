using IamOps.Server.Data;
using IamOps.Server.Modules.Contracts;
using IamOps.Server.Modules.Incidents.Escalation;
using IamOps.Server.Modules.Notifications;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

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

/// <summary>Adds the incident with its SLA clocks started (the client's contract decides targets and calendar), its
/// escalation policy, the first timeline entry, and tells both parties.</summary>
internal sealed class IncidentOpener(
    IamOpsDb db, TenantContext tenant, TimeProvider clock, INotifier notifier, SlaCalendars calendars, IOptions<IncidentOptions> options) : IIncidentOpener
{
    public async Task<Incident> OpenAsync(OpenIncident request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var contract = await db.Set<Contract>().AsNoTracking()
            .Where(c => c.ClientOrganisationId == request.ClientOrganisationId)
            .OrderByDescending(c => c.StartsOn).ThenByDescending(c => c.Id)
            .FirstOrDefaultAsync(ct);
        var incident = new Incident
        {
            ClientOrganisationId = request.ClientOrganisationId,
            ContractId = contract?.Id,
            Title = request.Title,
            Description = request.Description,
            Severity = request.Severity,
            Source = request.Source,
            ClusterIds = [.. request.ClusterIds],
            UsersAffected = request.UsersAffected,
            Links = [.. request.Links ?? []],
            OpenedAt = now,
            OpenedBy = tenant.UserEmail ?? "system",
            UpdatedAt = now,
        };

        var level = SlaCalendars.Level(contract, request.Severity);
        var calendar = await calendars.ForAsync(incident, ct);
        var fraction = options.Value.SlaWarningFraction;
        incident.Response.Start(level?.ResponseMinutes, now, calendar, fraction);
        incident.Resolution.Start(level?.ResolutionMinutes, now, calendar, fraction);

        var policy = await EscalationPolicyLookup.ForSeverityAsync(db, request.Severity, ct);
        if (policy is not null && policy.Steps.Count > 0)
        {
            incident.EscalationPolicyId = policy.Id;
            incident.NextEscalationAt = now.AddMinutes(policy.Steps[0].DelayMinutes);
        }
        incident.RefreshNextCheck();
        db.Add(incident);

        var party = tenant.Party ?? Party.Provider;
        IncidentTimeline.Add(db, incident, IncidentEventKinds.Opened, tenant.UserEmail ?? "system", party, now,
            $"Opened as {request.Severity} ({request.Source})"
            + (level is null ? ", no service level applies." : $": response within {level.ResponseMinutes} min, resolution within {level.ResolutionMinutes} min ({level.Calendar})."));

        var subject = $"Incident {request.Severity} opened: {request.Title}";
        var body = request.Description ?? request.Title;
        await notifier.NotifyAsync(new NotificationMessage(request.ClientOrganisationId, Party.Client,
            request.UsersAffected ? RaciActivities.UsersAffectedNotice : RaciActivities.IncidentManagement,
            subject, body, IncidentsModule.Location(incident.Id), "incident.opened"), ct);
        if (party == Party.Client)
        {
            await notifier.NotifyAsync(new NotificationMessage(request.ClientOrganisationId, Party.Provider,
                RaciActivities.ClientConfigurationIncidentReport, subject, $"Reported by {incident.OpenedBy}.\n\n{body}",
                IncidentsModule.Location(incident.Id), "incident.opened"), ct);
        }
        return incident;
    }
}
