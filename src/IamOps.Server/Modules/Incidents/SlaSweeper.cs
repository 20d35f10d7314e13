using IamOps.Server.Data;
using IamOps.Server.Modules.Incidents.Escalation;
using IamOps.Server.Modules.Notifications;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Platform.Calendars;
using IamOps.Server.Modules.Raci;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IamOps.Server.Modules.Incidents;

/// <summary>What one sweep did.</summary>
public sealed record SlaSweepResult(int Checked, int Warnings, int Breaches, int EscalationSteps);

/// <summary>Every open clock computed at one instant: how many run, are paused, passed their warning or their target, or fall due within the hour.</summary>
public sealed record SlaSnapshot(int OpenIncidents, int RunningClocks, int PausedClocks, int Warned, int Breached, int DueWithinHour);

/// <summary>Serialises sweeps within the process (the worker and any direct call).</summary>
public sealed class SlaSweepGate
{
    public SemaphoreSlim Lock { get; } = new(1, 1);
}

/// <summary>
/// Records SLA warnings and breaches (once each, on the timeline and the incident, with a notification) and fires due
/// escalation steps. Only incidents whose precomputed next check is due are read; each candidate is re-checked against
/// its calendar as it is now, so a closure day added since the clock was scheduled delays rather than fakes a breach.
/// </summary>
public sealed class SlaSweeper(
    IamOpsDb db, SlaCalendars calendars, EscalationRunner escalation, INotifier notifier, SlaSweepGate gate, IOptions<IncidentOptions> options)
{
    public async Task<SlaSweepResult> SweepAsync(DateTimeOffset now, CancellationToken ct)
    {
        await gate.Lock.WaitAsync(ct);
        try
        {
            var due = await db.Set<Incident>().Where(i => i.NextCheckAt <= now).OrderBy(i => i.NextCheckAt).ToListAsync(ct);
            await calendars.PreloadAsync(due.Where(i => i.ContractId is not null).Select(i => i.ContractId!.Value), ct);
            int warnings = 0, breaches = 0, steps = 0;
            foreach (var incident in due)
            {
                var calendar = await calendars.ForAsync(incident, ct);
                var (w1, b1) = await CheckAsync(incident, incident.Response, "response", calendar, now, ct);
                var (w2, b2) = await CheckAsync(incident, incident.Resolution, "resolution", calendar, now, ct);
                warnings += w1 + w2;
                breaches += b1 + b2;
                steps += await escalation.RunDueStepsAsync(incident, now, ct);
                incident.RefreshNextCheck();
                incident.Version++;
            }
            await db.SaveChangesAsync(ct);
            return new SlaSweepResult(due.Count, warnings, breaches, steps);
        }
        finally
        {
            gate.Lock.Release();
        }
    }

    /// <summary>Computes every open incident's clocks in its calendar (what a dashboard shows); records nothing.</summary>
    public async Task<SlaSnapshot> SnapshotAsync(DateTimeOffset now, CancellationToken ct)
    {
        var open = await db.Set<Incident>().AsNoTracking()
            .Where(i => i.Status != IncidentStatus.Resolved && i.Status != IncidentStatus.Closed).ToListAsync(ct);
        await calendars.PreloadAsync(open.Where(i => i.ContractId is not null).Select(i => i.ContractId!.Value), ct);
        var fraction = options.Value.SlaWarningFraction;
        int running = 0, paused = 0, warned = 0, breached = 0, soon = 0;
        foreach (var incident in open)
        {
            var calendar = await calendars.ForAsync(incident, ct);
            foreach (var clock in new[] { incident.Response, incident.Resolution })
            {
                if (clock.TargetMinutes is not { } target || clock.IsStopped)
                {
                    continue;
                }
                var elapsed = clock.Elapsed(now, calendar).TotalMinutes;
                running += clock.IsRunning ? 1 : 0;
                paused += clock.IsRunning ? 0 : 1;
                breached += elapsed >= target ? 1 : 0;
                warned += elapsed >= target * fraction && elapsed < target ? 1 : 0;
                soon += clock.IsRunning && elapsed < target && clock.DueAt is { } due && due <= now.AddHours(1) ? 1 : 0;
            }
        }
        return new SlaSnapshot(open.Count, running, paused, warned, breached, soon);
    }

    private async Task<(int Warnings, int Breaches)> CheckAsync(
        Incident incident, SlaClock clock, string name, BusinessCalendar calendar, DateTimeOffset now, CancellationToken ct)
    {
        if (!clock.IsRunning || clock.TargetMinutes is not { } target)
        {
            return (0, 0);
        }
        var elapsed = clock.Elapsed(now, calendar);
        var fraction = options.Value.SlaWarningFraction;
        int warned = 0, breached = 0;
        if (clock.WarnedAt is null && elapsed.TotalMinutes >= target * fraction)
        {
            clock.WarnedAt = now;
            warned = 1;
            var text = $"SLA warning: {Math.Round(fraction * 100)} % of the {name} target ({target} min) used.";
            IncidentTimeline.Add(db, incident, IncidentEventKinds.SlaWarning, "system", Party.Provider, now, text);
            await notifier.NotifyAsync(new NotificationMessage(incident.ClientOrganisationId, Party.Provider, RaciActivities.IncidentManagement,
                $"SLA warning ({name}): {incident.Title}", text, IncidentsModule.Location(incident.Id), "incident.sla-warning"), ct);
        }
        if (clock.BreachedAt is null && elapsed.TotalMinutes >= target)
        {
            clock.BreachedAt = now;
            breached = 1;
            var text = $"SLA breached: the {name} target of {target} min ({incident.Severity}) is exceeded.";
            IncidentTimeline.Add(db, incident, IncidentEventKinds.SlaBreached, "system", Party.Provider, now, text);
            foreach (var party in new[] { Party.Provider, Party.Client })
            {
                await notifier.NotifyAsync(new NotificationMessage(incident.ClientOrganisationId, party, RaciActivities.IncidentManagement,
                    $"SLA breached ({name}): {incident.Title}", text, IncidentsModule.Location(incident.Id), "incident.sla-breached"), ct);
            }
        }
        // Not yet due after all (the calendar changed since it was scheduled): schedule again from the calendar as it is now.
        clock.Schedule(calendar, fraction);
        return (warned, breached);
    }
}

/// <summary>Runs the SLA sweep every minute of the injected clock.</summary>
internal sealed class SlaSweepWorker(IServiceScopeFactory scopes, TimeProvider clock, IOptions<IncidentOptions> options, ILogger<SlaSweepWorker> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SweepEnabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
                var result = await scope.ServiceProvider.GetRequiredService<SlaSweeper>().SweepAsync(clock.GetUtcNow(), stoppingToken);
                if (result.Checked > 0)
                {
                    IncidentsLog.Swept(log, result.Checked, result.Warnings, result.Breaches, result.EscalationSteps);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                IncidentsLog.SweepFailed(log, e);
            }
        }
    }
}
