using IamOps.Server.Modules.Platform;

namespace IamOps.Server.Modules.Changes;

public sealed record ChangeTargetDto(Guid ClusterId, string Kind, string? Name);

public sealed record ChangeConsultationDto(int Index, string ConsultedParty, DateTimeOffset RequestedAt, DateTimeOffset DueAt, string State,
    string? Response, string? RespondedBy, DateTimeOffset? RespondedAt);

public sealed record ChangeAttachmentDto(Guid Id, string Name, string Kind, int Version, string Sha256, int Length, string Party,
    string UploadedBy, DateTimeOffset UploadedAt);

public sealed record ClassificationDto(ChangeType Computed, ChangeType? Override, ChangeType Effective, ChangeScores Scores,
    IReadOnlyList<string> Reasons, string? OverrideJustification);

public sealed record ChangeDto(
    Guid Id, Guid ClientOrganisationId, string Title, string Description, string? RollbackPlan, ChangeOrigin Origin, ChangeStatus Status,
    bool RequiresShutdown, bool Urgent, ClassificationDto Classification, DateTimeOffset? PlannedStart, DateTimeOffset? PlannedEnd,
    string RequestedBy, Party RequestedByParty, string ApprovalActivityKey, IReadOnlyList<string> ApproversNeeded,
    IReadOnlyList<ChangeApproval> Approvals, IReadOnlyList<ChangeConsultationDto> Consultations, IReadOnlyList<ChangeContribution> Contributions,
    IReadOnlyList<ChangeTargetDto> Targets, IReadOnlyList<ChangeAttachmentDto> Attachments, string? ActivityReport, string? ReportedBy,
    Guid? IncidentId, IReadOnlyList<Guid> LinkedIncidentIds, IReadOnlyList<string> Allowed,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? SubmittedAt, DateTimeOffset? ApprovedAt, DateTimeOffset? ScheduledAt,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, DateTimeOffset? ClosedAt)
{
    public static ChangeDto From(ChangeRequest c, DateTimeOffset now, IReadOnlyList<ChangeAttachment>? attachments = null) => new(
        c.Id, c.ClientOrganisationId, c.Title, c.Description, c.RollbackPlan, c.Origin, c.Status, c.RequiresShutdown, c.Urgent,
        new ClassificationDto(c.ComputedType, c.OverrideType, c.Type, c.Scores, ChangeClassification.Classify(c.Scores).Reasons, c.OverrideJustification),
        c.PlannedStart, c.PlannedEnd, c.RequestedBy, c.RequestedByParty, c.ApprovalActivityKey,
        [.. ChangeSteps.ApproversStillNeeded(c).Select(p => p.ToString())],
        c.Approvals, [.. c.Consultations.Select((k, i) => new ChangeConsultationDto(i, k.ConsultedParty.ToString(), k.RequestedAt, k.DueAt, k.StateAt(now), k.Response, k.RespondedBy, k.RespondedAt))],
        c.Contributions, [.. c.Targets.Select(t => new ChangeTargetDto(t.ClusterId, t.Kind.ToString().ToLowerInvariant(), t.Name))],
        [.. (attachments ?? []).OrderBy(a => a.Name).ThenByDescending(a => a.Version).Select(a => new ChangeAttachmentDto(a.Id, a.Name, EnumName(a.Kind), a.Version, a.Sha256, a.Content.Length, a.Party.ToString(), a.UploadedBy, a.UploadedAt))],
        c.ActivityReport, c.ReportedBy, c.IncidentId, c.LinkedIncidentIds, c.Allowed,
        c.CreatedAt, c.UpdatedAt, c.SubmittedAt, c.ApprovedAt, c.ScheduledAt, c.StartedAt, c.FinishedAt, c.ClosedAt);

    internal static string EnumName(AttachmentKind kind) => kind switch
    {
        AttachmentKind.Procedure => "procedure",
        AttachmentKind.Script => "script",
        AttachmentKind.RollbackScript => "rollback-script",
    };
}
