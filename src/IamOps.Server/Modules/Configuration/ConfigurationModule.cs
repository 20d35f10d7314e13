using System.ComponentModel.DataAnnotations;
using IamOps.Server.Modules.Configuration.Inventory;
using IamOps.Server.Modules.Configuration.Keycloak;
using IamOps.Server.Modules.Configuration.Snapshots;
using IamOps.Server.Modules.ResourceHistory;

namespace IamOps.Server.Modules.Configuration;

/// <summary>Settings of configuration management (section "Configuration").</summary>
public sealed class ConfigurationOptions
{
    /// <summary>Whether the scheduled snapshot worker runs.</summary>
    public bool ScheduledSnapshots { get; set; } = true;

    /// <summary>Time between two scheduled snapshots of a cluster.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the worker looks for clusters whose snapshot is due.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SchedulerTick { get; set; } = TimeSpan.FromMinutes(5);
}

public static class ConfigurationModule
{
    public static IServiceCollection AddConfigurationManagement(this IServiceCollection services)
    {
        services.AddOptions<ConfigurationOptions>().BindConfiguration("Configuration").ValidateDataAnnotations().ValidateOnStart();
        services.AddKeycloakAdminClient();
        services.AddScoped<SnapshotTaker>();
        services.AddScoped<InventoryCollector>();
        services.AddHttpClient(InventoryCollector.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddScoped<SnapshotSchedule>();
        services.AddHostedService<ConfigurationSnapshotWorker>();
        services.AddScoped<IResourceHistorySource, ConfigurationHistorySource>();
        return services;
    }

    public static void MapConfigurationManagement(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/clusters/{clusterId:guid}/configuration").WithTags("Configuration").RequireAuthorization();
        TakeSnapshot.Map(group);
        ReadSnapshots.Map(group);
        Audit.RealmAudit.Map(group);
        Audit.ProposeChangeFromFinding.Map(group);
        var cluster = app.MapGroup("/api/v1/clusters/{clusterId:guid}").WithTags("Inventory").RequireAuthorization();
        Inventories.Map(cluster);
    }

    public static string ClusterPath(Guid clusterId) => $"/api/v1/clusters/{clusterId}";

    public static string SnapshotLocation(Guid clusterId, Guid snapshotId) => $"/api/v1/clusters/{clusterId}/configuration/snapshots/{snapshotId}";

    public static string DriftLocation(Guid clusterId, Guid driftId) => $"/api/v1/clusters/{clusterId}/configuration/drifts/{driftId}";
}
