using System.ComponentModel.DataAnnotations;

namespace IamOps.Server.Modules.Interventions;

/// <summary>Settings of the intervention workflow.</summary>
public sealed class InterventionOptions
{
    /// <summary>How long a consulted party has to answer before the work may complete without its input.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan ConsultationDue { get; set; } = TimeSpan.FromDays(2);
}

public static class InterventionsModule
{
    public static IServiceCollection AddInterventions(this IServiceCollection services)
    {
        services.AddOptions<InterventionOptions>().BindConfiguration("Interventions").ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    public static void MapInterventions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/interventions").WithTags("Interventions").RequireAuthorization();
        ListInterventions.Map(group);
        GetIntervention.Map(group);
        RequestIntervention.Map(group);
        ContributeToIntervention.Map(group);
        RespondToConsultation.Map(group);
        CompleteIntervention.Map(group);
        DecideIntervention.Map(group);
    }

    public static string Location(Guid id) => $"/api/v1/interventions/{id}";
}
