using IamOps.Server.Modules.Interventions;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;

namespace IamOps.Server.Modules.Web;

/// <summary>An intervention with its RACI row and what the signed-in user may do on it, decided as the API decides.</summary>
public sealed record InterventionView(
    InterventionDto Intervention, RaciActivityView? Row, string ClientName, Party Party,
    RaciEvaluation Perform, RaciEvaluation Approve, RaciEvaluation Contribute, RaciEvaluation Respond)
{
    public static InterventionView For(InterventionDto intervention, RaciActivityView? row, string clientName, TenantContext tenant)
    {
        ArgumentNullException.ThrowIfNull(intervention);
        ArgumentNullException.ThrowIfNull(tenant);
        RaciEvaluation Check(RaciDuty duty) => RaciEvaluation.Evaluate(row, intervention.ActivityKey, duty, tenant.Party, tenant.Role);
        return new(intervention, row, clientName, tenant.Party ?? Party.Client,
            Check(RaciDuty.Perform), Check(RaciDuty.Approve), Check(RaciDuty.Contribute), Check(RaciDuty.RespondToConsultation));
    }

    public bool IsClosed => Intervention.Status is InterventionStatus.Done or InterventionStatus.Rejected;

    /// <summary>The consultations addressed to the user's party that still wait for its answer.</summary>
    public IReadOnlyList<ConsultationDto> MyOpenConsultations => Respond.Allowed && !IsClosed
        ? [.. Intervention.Consultations.Where(c => c.Party == Party && c.RespondedAt is null)]
        : [];

    public IReadOnlyList<ConsultationDto> Pending => [.. Intervention.Consultations.Where(c => c.State == "pending")];

    public bool MayComplete => Perform.Allowed && Intervention.Status == InterventionStatus.Open;

    public bool MayDecide => Approve.Allowed && Intervention.Status == InterventionStatus.AwaitingApproval;

    public bool MayContribute => Contribute.Allowed && !IsClosed;
}
