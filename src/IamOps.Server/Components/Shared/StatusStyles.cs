using IamOps.Server.Modules.Interventions;
using IamOps.Server.Modules.QuoteRequests;
using MudBlazor;

namespace IamOps.Server.Components.Shared;

/// <summary>How a workflow state looks: its API name, a colour and an icon.</summary>
internal static class StatusStyles
{
    public static (string Name, Color Color, string Icon) Of(InterventionStatus status) => status switch
    {
        InterventionStatus.Open => (Intervention.StateName(status), Color.Info, Icons.Material.Outlined.PlayCircle),
        InterventionStatus.AwaitingApproval => (Intervention.StateName(status), Color.Warning, Icons.Material.Outlined.HourglassTop),
        InterventionStatus.Done => (Intervention.StateName(status), Color.Success, Icons.Material.Outlined.CheckCircle),
        InterventionStatus.Rejected => (Intervention.StateName(status), Color.Error, Icons.Material.Outlined.Cancel),
    };

    public static (string Name, Color Color, string Icon) Of(QuoteRequestStatus status) => status switch
    {
        QuoteRequestStatus.Requested => (QuoteRequest.StateName(status), Color.Info, Icons.Material.Outlined.RequestQuote),
        QuoteRequestStatus.Quoted => (QuoteRequest.StateName(status), Color.Warning, Icons.Material.Outlined.Euro),
        QuoteRequestStatus.Accepted => (QuoteRequest.StateName(status), Color.Success, Icons.Material.Outlined.CheckCircle),
        QuoteRequestStatus.Refused => (QuoteRequest.StateName(status), Color.Error, Icons.Material.Outlined.Cancel),
    };
}
