using System.Text.Json.Serialization;
using IamOps.Server.Modules.Platform;

namespace IamOps.Server.Modules.Changes;

public enum ChangeStatus
{
    [JsonStringEnumMemberName("draft")] Draft,
    [JsonStringEnumMemberName("in-review")] InReview,
    [JsonStringEnumMemberName("approved")] Approved,
    [JsonStringEnumMemberName("scheduled")] Scheduled,
    [JsonStringEnumMemberName("in-progress")] InProgress,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("rolled-back")] RolledBack,
    [JsonStringEnumMemberName("closed")] Closed,
    [JsonStringEnumMemberName("rejected")] Rejected,
    [JsonStringEnumMemberName("declared")] Declared,
}

public enum ChangeType
{
    Minor,
    Medium,
    Major,
}

/// <summary>Where the change happens: on the managed service (provider carries it out) or in the client's own environment.</summary>
public enum ChangeOrigin
{
    [JsonStringEnumMemberName("managed-service")] ManagedService,
    [JsonStringEnumMemberName("client-environment")] ClientEnvironment,
}

/// <summary>A change to managed resources: classified, reviewed, approved by the A party, scheduled by the rules, reported.</summary>
public sealed class ChangeRequest : ITenantOwned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientOrganisationId { get; set; }

    public Guid ContractId { get; set; }

    public required string Title { get; set; }

    public required string Description { get; set; }

    public string? RollbackPlan { get; set; }

    public ChangeOrigin Origin { get; set; }

    public ChangeStatus Status { get; set; }

    public bool RequiresShutdown { get; set; }

    public bool Urgent { get; set; }

    /// <summary>The four criteria of the contract, each scored 1 (low) to 3 (high).</summary>
    public ChangeScores Scores { get; set; } = new();

    public ChangeType ComputedType { get; set; }

    public ChangeType? OverrideType { get; set; }

    public string? OverrideJustification { get; set; }

    public ChangeType Type => OverrideType ?? ComputedType;

    public DateTimeOffset? PlannedStart { get; set; }

    public DateTimeOffset? PlannedEnd { get; set; }

    public required string RequestedBy { get; set; }

    public Party RequestedByParty { get; set; }

    /// <summary>The RACI row whose A (or, without an A, R) party approves: change procedures, or database promotion to production.</summary>
    public required string ApprovalActivityKey { get; set; }

    public string? ActivityReport { get; set; }

    public string? ReportedBy { get; set; }

    /// <summary>The incident this urgent change is handled as.</summary>
    public Guid? IncidentId { get; set; }

    /// <summary>Incidents the change is linked to (caused by, or fixing).</summary>
    public List<Guid> LinkedIncidentIds { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    public DateTimeOffset? ScheduledAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public List<ChangeTarget> Targets { get; set; } = [];

    /// <summary>The parties whose approval the change needs: the accountable party, and both parties for an urgent change.</summary>
    public List<Party> RequiredApprovers { get; set; } = [];

    public List<ChangeApproval> Approvals { get; set; } = [];

    public List<ChangeConsultation> Consultations { get; set; } = [];

    public List<ChangeContribution> Contributions { get; set; } = [];

    public bool IsFinished => Status is ChangeStatus.Completed or ChangeStatus.Failed or ChangeStatus.RolledBack;

    /// <summary>The transitions the current state allows.</summary>
    public IReadOnlyList<string> Allowed => Status switch
    {
        ChangeStatus.Draft => ["submit"],
        ChangeStatus.InReview => ["approve", "reject"],
        ChangeStatus.Approved => ["schedule"],
        ChangeStatus.Scheduled => ["schedule", "start"],
        ChangeStatus.InProgress => ["complete", "fail", "roll-back"],
        ChangeStatus.Completed or ChangeStatus.Failed or ChangeStatus.RolledBack => ActivityReport is null ? ["report"] : ["report", "close"],
        ChangeStatus.Closed or ChangeStatus.Rejected or ChangeStatus.Declared => [],
    };

    public static string StateName(ChangeStatus status) => status switch
    {
        ChangeStatus.Draft => "draft",
        ChangeStatus.InReview => "in-review",
        ChangeStatus.Approved => "approved",
        ChangeStatus.Scheduled => "scheduled",
        ChangeStatus.InProgress => "in-progress",
        ChangeStatus.Completed => "completed",
        ChangeStatus.Failed => "failed",
        ChangeStatus.RolledBack => "rolled-back",
        ChangeStatus.Closed => "closed",
        ChangeStatus.Rejected => "rejected",
        ChangeStatus.Declared => "declared",
    };
}

/// <summary>The contract's four criteria: complexity (preparation, execution, completion control), importance for the
/// client's activities, potential impact on the service level, difficulty of returning to the original situation.</summary>
public sealed record ChangeScores(int Complexity = 1, int Importance = 1, int ServiceImpact = 1, int Irreversibility = 1);

/// <summary>A managed resource the change touches: a cluster, or one of its nodes, databases or realms.</summary>
public sealed class ChangeTarget : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ChangeRequestId { get; set; }

    public Guid ClientOrganisationId { get; set; }

    public Guid ClusterId { get; set; }

    public ResourceHistory.ResourceKind Kind { get; set; }

    public string? Name { get; set; }

    /// <summary>Copied from the change while it holds its slot (scheduled or in progress), for the indexed conflict check.</summary>
    public DateTimeOffset? SlotStart { get; set; }

    public DateTimeOffset? SlotEnd { get; set; }

    public string Display => Kind == ResourceHistory.ResourceKind.Cluster ? "cluster" : $"{Kind.ToString().ToLowerInvariant()}:{Name}";
}

public sealed record ChangeApproval(Party Party, string By, DateTimeOffset At, string? Comment);

public sealed record ChangeContribution(Party Party, string Author, DateTimeOffset At, string Text);

public sealed class ChangeConsultation
{
    public Party ConsultedParty { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public string? Response { get; set; }

    public string? RespondedBy { get; set; }

    public DateTimeOffset? RespondedAt { get; set; }

    public string StateAt(DateTimeOffset now) => RespondedAt is not null ? "answered" : now >= DueAt ? "expired" : "pending";
}

public enum AttachmentKind
{
    [JsonStringEnumMemberName("procedure")] Procedure,
    [JsonStringEnumMemberName("script")] Script,
    [JsonStringEnumMemberName("rollback-script")] RollbackScript,
}

/// <summary>One version of a procedure or automation script attached to a change, with its SHA-256.</summary>
public sealed class ChangeAttachment : ITenantOwned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ChangeRequestId { get; set; }

    public Guid ClientOrganisationId { get; set; }

    public required string Name { get; set; }

    public AttachmentKind Kind { get; set; }

    public int Version { get; set; }

    public required string Content { get; set; }

    public required string Sha256 { get; set; }

    public Party Party { get; set; }

    public required string UploadedBy { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>A one-off maintenance window of a client, besides the contract's recurring ones.</summary>
public sealed class OneOffMaintenanceWindow : ITenantOwned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientOrganisationId { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset Start { get; set; }

    public DateTimeOffset End { get; set; }

    public required string CreatedBy { get; set; }
}

/// <summary>A period in which the client wants no change (on one cluster, or on all when <see cref="ClusterId"/> is null).</summary>
public sealed class ChangeFreeze : ITenantOwned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientOrganisationId { get; set; }

    public Guid? ClusterId { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset Start { get; set; }

    public DateTimeOffset End { get; set; }

    public required string CreatedBy { get; set; }
}

/// <summary>A secret token giving read access to a client's change calendar as iCalendar; only its hash is stored.</summary>
public sealed class CalendarFeed : ITenantOwned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientOrganisationId { get; set; }

    [Secret]
    public required string TokenHash { get; set; }

    public required string Label { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
