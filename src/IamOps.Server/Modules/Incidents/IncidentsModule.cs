using System.ComponentModel.DataAnnotations;
using IamOps.Server.Modules.Incidents.Escalation;
using IamOps.Server.Modules.ResourceHistory;

namespace IamOps.Server.Modules.Incidents;

/// <summary>Settings of incident management.</summary>
public sealed class IncidentOptions
{
    /// <summary>The fraction of an SLA target at which a warning is recorded.</summary>
    [Range(0.05, 0.99)]
    public double SlaWarningFraction { get; set; } = 0.75;

    /// <summary>Largest attachment accepted, in bytes.</summary>
    [Range(1, 100 * 1024 * 1024)]
    public int MaxAttachmentBytes { get; set; } = 5 * 1024 * 1024;

    public bool SweepEnabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}

public static class IncidentsModule
{
    public static IServiceCollection AddIncidents(this IServiceCollection services)
    {
        services.AddOptions<IncidentOptions>().BindConfiguration("Incidents").ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<IIncidentOpener, IncidentOpener>();
        services.AddScoped<SlaCalendars>();
        services.AddScoped<EscalationRunner>();
        services.AddScoped<SlaSweeper>();
        services.AddSingleton<SlaSweepGate>();
        services.AddHostedService<SlaSweepWorker>();
        services.AddScoped<IResourceHistorySource, IncidentHistorySource>();
        return services;
    }

    public static void MapIncidents(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/incidents").WithTags("Incidents").RequireAuthorization();
        ListIncidents.Map(group);
        GetIncident.Map(group);
        ReportIncident.Map(group);
        TransitionIncident.Map(group);
        AssignIncidentOwner.Map(group);
        AddIncidentNote.Map(group);
        IncidentAttachments.Map(group);
        LinkIncident.Map(group);
        IncidentReports.Map(group);
        group.MapGet("/sla-summary", async (SlaSweeper sweeper, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(await sweeper.SnapshotAsync(clock.GetUtcNow(), ct))).WithName("GetSlaSummary");

        EscalationContacts.Map(app.MapGroup("/api/v1/escalation-contacts").WithTags("Escalation").RequireAuthorization());
        OnCallRotations.Map(app.MapGroup("/api/v1/on-call/rotations").WithTags("Escalation").RequireAuthorization());
        EscalationPolicies.Map(app.MapGroup("/api/v1/escalation-policies").WithTags("Escalation").RequireAuthorization());
    }

    public static string Location(Guid id) => $"/api/v1/incidents/{id}";
}
