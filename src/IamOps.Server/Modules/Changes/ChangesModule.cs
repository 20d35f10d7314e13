using System.ComponentModel.DataAnnotations;
using IamOps.Server.Modules.ResourceHistory;

namespace IamOps.Server.Modules.Changes;

/// <summary>Settings of change management.</summary>
public sealed class ChangeOptions
{
    /// <summary>How long a consulted (C) party has to answer before approval may go ahead without its input.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan ConsultationDue { get; set; } = TimeSpan.FromDays(2);
}

public static class ChangesModule
{
    public static IServiceCollection AddChanges(this IServiceCollection services)
    {
        services.AddOptions<ChangeOptions>().BindConfiguration("Changes").ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ChangeScheduler>();
        services.AddScoped<IApprovedChangeLookup, ApprovedChangeLookup>();
        services.AddScoped<IResourceHistorySource, ChangeHistorySource>();
        return services;
    }

    public static void MapChanges(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/changes").WithTags("Changes").RequireAuthorization();
        ListChanges.Map(group);
        GetChange.Map(group);
        CreateChange.Map(group);
        DeclareClientChange.Map(group);
        SubmitChange.Map(group);
        ReviewChange.Map(group);
        DecideChange.Map(group);
        OverrideClassification.Map(group);
        AttachToChange.Map(group);
        ScheduleChange.Map(group);
        RunChange.Map(group);
        ReportChange.Map(group);
        CheckSlot.Map(group);
        ManageFreezes.Map(group);
        ManageWindows.Map(group);
        ChangeCalendar.Map(group);
        CalendarFeeds.Map(group, app);
        ResourceHistoryEndpoint.Map(app);
    }

    public static string Location(Guid id) => $"/api/v1/changes/{id}";
}
