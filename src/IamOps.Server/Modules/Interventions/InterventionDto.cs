using IamOps.Server.Modules.Platform;

namespace IamOps.Server.Modules.Interventions;

public sealed record InterventionDto(
    Guid Id, Guid ClientOrganisationId, Guid ContractId, string ActivityKey, string Title, string Description,
    InterventionStatus Status, Party AssignedParty, Party? ApproverParty, string RequestedBy, Party RequestedByParty,
    string? Report, string? CompletedBy, DateTimeOffset? CompletedAt, string? DecisionReason, string? DecidedBy, DateTimeOffset? DecidedAt,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<string> Allowed,
    IReadOnlyList<ContributionDto> Contributions, IReadOnlyList<ConsultationDto> Consultations)
{
    public static InterventionDto From(Intervention i, DateTimeOffset now) => new(i.Id, i.ClientOrganisationId, i.ContractId, i.ActivityKey,
        i.Title, i.Description, i.Status, i.AssignedParty, i.ApproverParty, i.RequestedBy, i.RequestedByParty,
        i.Report, i.CompletedBy, i.CompletedAt, i.DecisionReason, i.DecidedBy, i.DecidedAt, i.CreatedAt, i.UpdatedAt, i.Allowed,
        [.. i.Contributions.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Select(c => new ContributionDto(c.Id, c.Party, c.Author, c.Text, c.CreatedAt))],
        [.. i.Consultations.OrderBy(c => c.ConsultedParty).Select(c => new ConsultationDto(c.Id, c.ConsultedParty, c.RequestedAt, c.DueAt,
            c.StateAt(now), c.Response, c.RespondedBy, c.RespondedAt))]);
}

public sealed record ContributionDto(Guid Id, Party Party, string Author, string Text, DateTimeOffset CreatedAt);

/// <summary>A consultation; state is pending, answered or expired.</summary>
public sealed record ConsultationDto(
    Guid Id, Party Party, DateTimeOffset RequestedAt, DateTimeOffset DueAt, string State, string? Response, string? RespondedBy, DateTimeOffset? RespondedAt);

/// <summary>The answer when the request was turned into a quote request instead of work.</summary>
public sealed record RedirectedToQuoteDto(string Kind, Guid Id, string Location, string Reason);
