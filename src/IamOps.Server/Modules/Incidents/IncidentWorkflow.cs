using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Platform.Calendars;
using Microsoft.AspNetCore.Mvc;

namespace IamOps.Server.Modules.Incidents;

/// <summary>The incident life cycle: new → acknowledged → in progress ⇄ waiting on client → resolved → closed.</summary>
public static class IncidentWorkflow
{
    public const string Acknowledge = "acknowledge";
    public const string Start = "start";
    public const string WaitOnClient = "wait-on-client";
    public const string Resume = "resume";
    public const string Resolve = "resolve";
    public const string Close = "close";
    public const string Reopen = "reopen";

    public static readonly IReadOnlyList<string> Actions = [Acknowledge, Start, WaitOnClient, Resume, Resolve, Close, Reopen];

    /// <summary>The actions the state allows.</summary>
    public static IReadOnlyList<string> Allowed(IncidentStatus status) => status switch
    {
        IncidentStatus.New => [Acknowledge],
        IncidentStatus.Acknowledged => [Start, Resolve],
        IncidentStatus.InProgress => [WaitOnClient, Resolve],
        IncidentStatus.WaitingOnClient => [Resume, Resolve],
        IncidentStatus.Resolved => [Close, Reopen],
        IncidentStatus.Closed => [],
    };

    public static string StateName(IncidentStatus status) => status switch
    {
        IncidentStatus.New => "new",
        IncidentStatus.Acknowledged => "acknowledged",
        IncidentStatus.InProgress => "in-progress",
        IncidentStatus.WaitingOnClient => "waiting-on-client",
        IncidentStatus.Resolved => "resolved",
        IncidentStatus.Closed => "closed",
    };

    public static ProblemDetails Conflict(Incident incident, string attempted) =>
        WorkflowProblems.TransitionNotAllowed($"Incident {incident.Id}", StateName(incident.Status), attempted, Allowed(incident.Status));

    /// <summary>Applies an allowed action: the new status, its timestamps and what it does to the clocks.</summary>
    public static void Apply(Incident incident, string action, DateTimeOffset now, BusinessCalendar calendar, double warnFraction, string actor)
    {
        if (!Allowed(incident.Status).Contains(action))
        {
            throw new InvalidOperationException($"'{action}' is not allowed from {StateName(incident.Status)}.");
        }
        switch (action)
        {
            case Acknowledge:
                incident.Status = IncidentStatus.Acknowledged;
                incident.AcknowledgedAt = now;
                incident.Response.Stop(now, calendar);
                incident.NextEscalationAt = null;
                incident.Owner ??= actor;
                break;
            case Start:
            case Resume:
                incident.Status = IncidentStatus.InProgress;
                incident.Resolution.Resume(now, calendar, warnFraction);
                break;
            case WaitOnClient:
                incident.Status = IncidentStatus.WaitingOnClient;
                incident.Resolution.Pause(now, calendar);
                break;
            case Resolve:
                incident.Status = IncidentStatus.Resolved;
                incident.ResolvedAt = now;
                incident.Response.Stop(now, calendar);
                incident.Resolution.Stop(now, calendar);
                break;
            case Reopen:
                incident.Status = IncidentStatus.InProgress;
                incident.ResolvedAt = null;
                incident.Resolution.StoppedAt = null;
                incident.Resolution.Resume(now, calendar, warnFraction);
                break;
            case Close:
                incident.Status = IncidentStatus.Closed;
                incident.ClosedAt = now;
                break;
        }
        incident.UpdatedAt = now;
        incident.Version++;
        incident.RefreshNextCheck();
    }
}
