using IamOps.Server.Data;
using IamOps.Server.Modules.Platform;
using Quartz;

namespace IamOps.Server.Modules.Backups;

public static class BackupsModule
{
    internal const string CipherPurpose = "IamOps.Backups.RepositoryCipher.v1";

    public static IServiceCollection AddBackups(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BackupOptions>().BindConfiguration("Backups").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ToolRunner>();
        services.AddSingleton<BackupProgress>();
        services.AddSingleton<BackupExecutor>();
        services.AddSingleton<LogicalBackup>();
        services.AddSingleton<PhysicalBackup>();
        services.AddScoped<BackupRunner>();
        services.AddScoped<BackupVerifier>();
        services.AddScoped<BackupRetention>();
        services.AddScoped<RestoreRunner>();
        services.AddSingleton<BackupScheduler>();
        services.AddHostedService<InterruptedRunsSweep>();
        services.AddSingleton<IEndpointModule, BackupsEndpoints>();

        var database = configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddQuartz(q =>
        {
            if (string.Equals(database.Provider, "postgres", StringComparison.OrdinalIgnoreCase))
            {
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(database.ConnectionString!);
                    // Quartz creates its own tables (qrtz_*) on first start when they are missing.
                    store.ProvisionSchema();
                    store.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(5));
                });
            }
            else
            {
                q.UseInMemoryStore(_ => { });
            }
            q.ScheduleJob<BackupComplianceJob>(
                t => t.WithIdentity("backup-compliance", "backups").WithSimpleSchedule(TimeSpan.FromMinutes(15)),
                j => j.WithIdentity("backup-compliance", "backups"));
        });
        if (configuration.GetValue("Backups:SchedulerEnabled", true))
        {
            services.AddQuartzHostedService(o => o.WaitForJobsToComplete = false);
            services.AddHostedService<BackupScheduleSync>();
        }
        return services;
    }

    public static string ClusterLocation(Guid clusterId) => $"/api/v1/clusters/{clusterId}/backups";

    public static string RunLocation(Guid clusterId, Guid runId) => $"{ClusterLocation(clusterId)}/runs/{runId}";

    public static string RestoreLocation(Guid clusterId, Guid restoreId) => $"{ClusterLocation(clusterId)}/restores/{restoreId}";
}

internal sealed class BackupsEndpoints : IEndpointModule
{
    public void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/clusters/{clusterId:guid}/backups").WithTags("Backups").RequireAuthorization();
        SaveBackupPolicy.Map(group);
        RunBackup.Map(group);
        RestoreBackup.Map(group);
        GetBackupCompliance.Map(group);
        BackupProcedures.Map(group);
    }
}
