using IamOps.Server.Data;
using IamOps.Server.Modules.Notifications;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Incidents.Escalation;

/// <summary>Fires the due steps of an unacknowledged incident's escalation policy, in order.</summary>
public sealed class EscalationRunner(IamOpsDb db, INotifier notifier)
{
    private readonly Dictionary<Guid, EscalationPolicy?> _policies = [];
    private List<OnCallRotation>? _rotations;

    /// <summary>Fires every step due at <paramref name="now"/>; returns how many fired.</summary>
    public async Task<int> RunDueStepsAsync(Incident incident, DateTimeOffset now, CancellationToken ct)
    {
        if (incident.Status != IncidentStatus.New || incident.EscalationPolicyId is not { } policyId)
        {
            incident.NextEscalationAt = null;
            return 0;
        }
        var policy = await PolicyAsync(policyId, ct);
        var fired = 0;
        while (policy is not null && incident.EscalationStepsDone < policy.Steps.Count
            && incident.OpenedAt.AddMinutes(policy.Steps[incident.EscalationStepsDone].DelayMinutes) <= now)
        {
            var number = incident.EscalationStepsDone + 1;
            await FireAsync(incident, policy, policy.Steps[incident.EscalationStepsDone], number, now, ct);
            incident.EscalationStepsDone = number;
            fired++;
        }
        incident.NextEscalationAt = policy is not null && incident.EscalationStepsDone < policy.Steps.Count
            ? incident.OpenedAt.AddMinutes(policy.Steps[incident.EscalationStepsDone].DelayMinutes)
            : null;
        return fired;
    }

    private async Task FireAsync(Incident incident, EscalationPolicy policy, EscalationStep step, int number, DateTimeOffset now, CancellationToken ct)
    {
        var prefix = $"Escalation step {number}/{policy.Steps.Count} of '{policy.Name}'";
        var subject = $"Escalation: incident {incident.Severity} not acknowledged: {incident.Title}";
        var body = $"Incident {incident.Severity} '{incident.Title}' was opened at {incident.OpenedAt:yyyy-MM-dd HH:mm} UTC and nobody has acknowledged it.";
        var link = IncidentsModule.Location(incident.Id);
        string text;
        switch (step.Target)
        {
            case EscalationTarget.OnCall:
                var rotation = await RotationAsync(step.RotationId, ct);
                var onCall = rotation?.OnCallAt(now);
                text = onCall is null ? $"{prefix}: nobody is on call, the provider's staff are told." : $"{prefix}: on-call {onCall} ({rotation!.Name}) told.";
                await notifier.NotifyAsync(new NotificationMessage(incident.ClientOrganisationId, Party.Provider, RaciActivities.IncidentManagement,
                    subject, body, link, "incident.escalated", onCall is null ? null : [onCall]), ct);
                break;
            case EscalationTarget.ClientContacts:
                var contacts = await db.Set<EscalationContact>().AsNoTracking()
                    .Where(c => c.ClientOrganisationId == incident.ClientOrganisationId).OrderBy(c => c.Position).ToListAsync(ct);
                var reachable = contacts.Where(c => c.IsReachableAt(now)).ToList();
                var emails = reachable.Where(c => c.Channel == ContactChannel.Email).Select(c => c.Address).ToList();
                var others = reachable.Where(c => c.Channel != ContactChannel.Email).Select(c => $"{c.Name} ({c.Channel.ToString().ToLowerInvariant()} {c.Address})").ToList();
                text = reachable.Count == 0
                    ? $"{prefix}: none of the client's {contacts.Count} escalation contact(s) is reachable now; the client's users are told."
                    : $"{prefix}: client contacts reachable now told: {string.Join(", ", reachable.Select(c => c.Name))}.";
                await notifier.NotifyAsync(new NotificationMessage(incident.ClientOrganisationId, Party.Client, RaciActivities.ClientPersonnelAvailability,
                    subject, others.Count == 0 ? body : $"{body}\n\nAlso to call: {string.Join(", ", others)}.", link, "incident.escalated",
                    emails.Count == 0 ? null : emails), ct);
                break;
            case EscalationTarget.Role:
                var role = step.Role ?? Roles.ProviderManager;
                var staff = await db.Users.AsNoTracking().Where(u => u.Party == Party.Provider && u.Role == role)
                    .OrderBy(u => u.Email).Select(u => u.Email!).ToListAsync(ct);
                text = $"{prefix}: provider {role}s told ({staff.Count}).";
                await notifier.NotifyAsync(new NotificationMessage(incident.ClientOrganisationId, Party.Provider, RaciActivities.IncidentManagement,
                    subject, body, link, "incident.escalated", staff.Count == 0 ? null : staff), ct);
                break;
            default:
                throw new InvalidOperationException($"Unknown escalation target {step.Target}.");
        }
        IncidentTimeline.Add(db, incident, IncidentEventKinds.Escalated, "system", Party.Provider, now, text);
    }

    private async Task<EscalationPolicy?> PolicyAsync(Guid id, CancellationToken ct)
    {
        if (!_policies.TryGetValue(id, out var policy))
        {
            policy = await db.Set<EscalationPolicy>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
            _policies[id] = policy;
        }
        return policy;
    }

    private async Task<OnCallRotation?> RotationAsync(Guid? id, CancellationToken ct)
    {
        _rotations ??= await db.Set<OnCallRotation>().AsNoTracking().OrderBy(r => r.Name).ToListAsync(ct);
        return id is null ? _rotations.FirstOrDefault() : _rotations.FirstOrDefault(r => r.Id == id);
    }
}
