using System.Text.Json.Serialization;
using IamOps.Server.Modules.Platform;

namespace IamOps.Server.Modules.Interventions;

public enum InterventionStatus
{
    [JsonStringEnumMemberName("open")] Open,
    [JsonStringEnumMemberName("awaiting-approval")] AwaitingApproval,
    [JsonStringEnumMemberName("done")] Done,
    [JsonStringEnumMemberName("rejected")] Rejected,
}

/// <summary>A piece of contracted work on one RACI row: done by the R party, helped by S, preceded by C, approved by A, told to I.</summary>
public sealed class Intervention : ITenantOwned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientOrganisationId { get; set; }

    public Guid ContractId { get; set; }

    public required string ActivityKey { get; set; }

    public required string Title { get; set; }

    public required string Description { get; set; }

    public InterventionStatus Status { get; set; }

    /// <summary>The party holding R, who performs the work.</summary>
    public Party AssignedParty { get; set; }

    /// <summary>The party holding A when the work was completed, who must approve it.</summary>
    public Party? ApproverParty { get; set; }

    public required string RequestedBy { get; set; }

    public Party RequestedByParty { get; set; }

    public string? Report { get; set; }

    public string? CompletedBy { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public string? DecisionReason { get; set; }

    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Bumped by every transition so two concurrent transitions cannot both win.</summary>
    public int Version { get; set; }

    public List<InterventionContribution> Contributions { get; set; } = [];

    public List<Consultation> Consultations { get; set; } = [];

    /// <summary>The transitions the current state allows.</summary>
    public IReadOnlyList<string> Allowed => Status switch
    {
        InterventionStatus.Open => ["complete"],
        InterventionStatus.AwaitingApproval => ["approve", "reject"],
        InterventionStatus.Done or InterventionStatus.Rejected => [],
    };

    public bool IsClosed => Status is InterventionStatus.Done or InterventionStatus.Rejected;

    public static string StateName(InterventionStatus status) => status switch
    {
        InterventionStatus.Open => "open",
        InterventionStatus.AwaitingApproval => "awaiting-approval",
        InterventionStatus.Done => "done",
        InterventionStatus.Rejected => "rejected",
    };
}

/// <summary>A comment or resource added by a party holding S (or R).</summary>
public sealed class InterventionContribution : ITenantOwned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid InterventionId { get; set; }

    public Guid ClientOrganisationId { get; set; }

    public Party Party { get; set; }

    public required string Author { get; set; }

    public required string Text { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A request for input to a party holding C, due before the work may complete.</summary>
public sealed class Consultation : ITenantOwned, IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid InterventionId { get; set; }

    public Guid ClientOrganisationId { get; set; }

    public Party ConsultedParty { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public string? Response { get; set; }

    public string? RespondedBy { get; set; }

    public DateTimeOffset? RespondedAt { get; set; }

    /// <summary>pending, answered, or expired (past due without an answer: it no longer blocks completion).</summary>
    public string StateAt(DateTimeOffset now) => RespondedAt is not null ? "answered" : now >= DueAt ? "expired" : "pending";
}
