using IamOps.Server.Modules.Platform;

namespace IamOps.Server.Modules.Incidents;

/// <summary>One entry of an incident's timeline: an automatic event (opened, acknowledged, SLA warning…) or a note.</summary>
public sealed class IncidentEvent : ITenantOwned, IAudited
{
    public Guid Id { get; set; } = OrderedIds.NewId(); // ties of equal instants on the timeline sort by creation

    public Guid IncidentId { get; set; }

    public Guid ClientOrganisationId { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>What happened: one of <see cref="IncidentEventKinds"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>E-mail of the user, or "system".</summary>
    public required string Actor { get; set; }

    public Party ActorParty { get; set; }

    public required string Text { get; set; }
}

/// <summary>The kinds of timeline entry.</summary>
public static class IncidentEventKinds
{
    public const string Opened = "opened";
    public const string Status = "status";
    public const string Note = "note";
    public const string Owner = "owner";
    public const string Attachment = "attachment";
    public const string Link = "link";
    public const string SlaWarning = "sla-warning";
    public const string SlaBreached = "sla-breached";
    public const string Escalated = "escalated";
}

/// <summary>A file attached to an incident, kept in the database with its SHA-256.</summary>
public sealed class IncidentAttachment : ITenantOwned, IAudited
{
    public Guid Id { get; set; } = OrderedIds.NewId(); // ties of equal instants on the timeline sort by creation

    public Guid IncidentId { get; set; }

    public Guid ClientOrganisationId { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    /// <summary>Lower-case hex SHA-256 of the content.</summary>
    public required string Sha256 { get; set; }

    // Kept out of the audit trail: the SHA-256 above identifies the content there.
    [Secret]
    public required byte[] Content { get; set; }

    public required string UploadedBy { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}
