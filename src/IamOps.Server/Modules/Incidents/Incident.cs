using System.Text.Json.Serialization;
using IamOps.Server.Modules.Platform;

namespace IamOps.Server.Modules.Incidents;

/// <summary>An incident on one or more of a client's clusters.</summary>
public sealed class Incident : ITenantOwned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientOrganisationId { get; set; }

    /// <summary>The client's contract whose service levels the clocks follow (null when the client has none).</summary>
    public Guid? ContractId { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public IncidentSeverity Severity { get; set; }

    public IncidentStatus Status { get; set; } = IncidentStatus.New;

    public IncidentSource Source { get; set; }

    /// <summary>The clusters concerned.</summary>
    public List<Guid> ClusterIds { get; set; } = [];

    public bool UsersAffected { get; set; }

    /// <summary>What the incident is linked to (alerts, change requests, backups).</summary>
    public List<IncidentLink> Links { get; set; } = [];

    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>E-mail of the user who opened it, or "system".</summary>
    public required string OpenedBy { get; set; }

    /// <summary>E-mail of the provider staff member who owns it.</summary>
    public string? Owner { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Time to the first acknowledgement, counted in the contract's calendar for the severity.</summary>
    public SlaClock Response { get; set; } = new();

    /// <summary>Time to resolution, counted in the same calendar.</summary>
    public SlaClock Resolution { get; set; } = new();

    /// <summary>The escalation policy followed until acknowledgement.</summary>
    public Guid? EscalationPolicyId { get; set; }

    /// <summary>How many steps of the policy have fired.</summary>
    public int EscalationStepsDone { get; set; }

    /// <summary>When the next step is due (null when none is left or the incident is acknowledged).</summary>
    public DateTimeOffset? NextEscalationAt { get; set; }

    /// <summary>The earliest of the pending warning, breach and escalation instants: what the sweep looks at.</summary>
    public DateTimeOffset? NextCheckAt { get; set; }

    /// <summary>Recomputes <see cref="NextCheckAt"/> after a clock or escalation change.</summary>
    public void RefreshNextCheck()
    {
        DateTimeOffset?[] pending =
        [
            Response.WarnedAt is null ? Response.WarnAt : null,
            Response.BreachedAt is null ? Response.DueAt : null,
            Resolution.WarnedAt is null ? Resolution.WarnAt : null,
            Resolution.BreachedAt is null ? Resolution.DueAt : null,
            NextEscalationAt,
        ];
        NextCheckAt = pending.Where(p => p is not null).Min();
    }

    /// <summary>Bumped by every change so two concurrent transitions cannot both win.</summary>
    public int Version { get; set; }

    public bool IsOpen => Status is not (IncidentStatus.Resolved or IncidentStatus.Closed);
}

public enum IncidentSeverity
{
    P1,
    P2,
    P3,
    P4,
}

public enum IncidentStatus
{
    [JsonStringEnumMemberName("new")] New,
    [JsonStringEnumMemberName("acknowledged")] Acknowledged,
    [JsonStringEnumMemberName("in-progress")] InProgress,
    [JsonStringEnumMemberName("waiting-on-client")] WaitingOnClient,
    [JsonStringEnumMemberName("resolved")] Resolved,
    [JsonStringEnumMemberName("closed")] Closed,
}

public enum IncidentSource
{
    AlertGroup,
    ClientReport,
    UrgentChange,
    Provider,
}

public enum IncidentLinkKind
{
    Alert,
    ChangeRequest,
    Backup,
}

/// <summary>A link from an incident to the thing that caused or concerns it.</summary>
public sealed record IncidentLink(IncidentLinkKind Kind, string Reference);
