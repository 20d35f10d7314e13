using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Platform.Calendars;

namespace IamOps.Server.Modules.Incidents;

/// <summary>A clock as seen now: state is running, paused, stopped or none (no target).</summary>
public sealed record SlaClockDto(
    int? TargetMinutes, double ElapsedMinutes, double? RemainingMinutes, string State, DateTimeOffset? WarnAt, DateTimeOffset? DueAt,
    DateTimeOffset? WarnedAt, DateTimeOffset? BreachedAt, bool Breached, bool? Met)
{
    public static SlaClockDto From(SlaClock c, DateTimeOffset now, BusinessCalendar calendar)
    {
        var elapsed = Math.Round(c.Elapsed(now, calendar).TotalMinutes, 2);
        var state = c.TargetMinutes is null ? "none" : c.IsStopped ? "stopped" : c.IsRunning ? "running" : "paused";
        return new(c.TargetMinutes, elapsed, c.TargetMinutes is { } t ? Math.Round(t - elapsed, 2) : null, state, c.WarnAt, c.DueAt,
            c.WarnedAt, c.BreachedAt, c.BreachedAt is not null || c.IsBreached(now, calendar), c.Met);
    }
}

public sealed record IncidentEventDto(Guid Id, DateTimeOffset At, string Kind, string Actor, Party ActorParty, string Text);

public sealed record IncidentAttachmentDto(Guid Id, string FileName, string ContentType, long Size, string Sha256, string UploadedBy, DateTimeOffset UploadedAt);

public sealed record IncidentDto(
    Guid Id, Guid ClientOrganisationId, Guid? ContractId, string Title, string? Description, IncidentSeverity Severity, IncidentStatus Status,
    IncidentSource Source, IReadOnlyList<Guid> ClusterIds, bool UsersAffected, IReadOnlyList<IncidentLink> Links,
    DateTimeOffset OpenedAt, string OpenedBy, string? Owner, DateTimeOffset? AcknowledgedAt, DateTimeOffset? ResolvedAt, DateTimeOffset? ClosedAt,
    DateTimeOffset UpdatedAt, SlaClockDto Response, SlaClockDto Resolution, int EscalationStepsDone, IReadOnlyList<string> Allowed,
    IReadOnlyList<IncidentEventDto>? Timeline = null, IReadOnlyList<IncidentAttachmentDto>? Attachments = null)
{
    public static IncidentDto From(Incident i, DateTimeOffset now, BusinessCalendar calendar,
        IEnumerable<IncidentEvent>? timeline = null, IEnumerable<IncidentAttachment>? attachments = null) => new(
        i.Id, i.ClientOrganisationId, i.ContractId, i.Title, i.Description, i.Severity, i.Status, i.Source, i.ClusterIds, i.UsersAffected, i.Links,
        i.OpenedAt, i.OpenedBy, i.Owner, i.AcknowledgedAt, i.ResolvedAt, i.ClosedAt, i.UpdatedAt,
        SlaClockDto.From(i.Response, now, calendar), SlaClockDto.From(i.Resolution, now, calendar), i.EscalationStepsDone,
        IncidentWorkflow.Allowed(i.Status),
        timeline?.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new IncidentEventDto(e.Id, e.At, e.Kind, e.Actor, e.ActorParty, e.Text)).ToList(),
        attachments?.OrderBy(a => a.UploadedAt).Select(a => new IncidentAttachmentDto(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, a.UploadedAt)).ToList());
}
