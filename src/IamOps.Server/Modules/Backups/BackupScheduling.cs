using IamOps.Server.Data;
using IamOps.Server.Modules.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace IamOps.Server.Modules.Backups;

/// <summary>The Quartz job of one policy's schedule: one run per fire time, whichever IamOps instance fires it.</summary>
[DisallowConcurrentExecution]
public sealed class ScheduledBackupJob(IServiceScopeFactory scopes, ILogger<ScheduledBackupJob> log) : IJob
{
    public const string PolicyKey = "policyId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var policyId = Guid.Parse(context.MergedJobDataMap.GetString(PolicyKey)!);
        var fireTime = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        var runner = scope.ServiceProvider.GetRequiredService<BackupRunner>();
        if (!await runner.RunScheduledAsync(policyId, fireTime, cancellationToken))
        {
            BackupsLog.FireTimeTaken(log, policyId, fireTime);
        }
    }
}

/// <summary>Keeps Quartz's triggers in step with the policies (cron read in the contract's zone).</summary>
public sealed class BackupScheduler(ISchedulerFactory factory)
{
    public static JobKey JobFor(Guid policyId) => new($"backup-{policyId:N}", "backups");

    /// <summary>Parses a 5-field Unix cron or a 6–7-field Quartz cron (with seconds).</summary>
    public static CronExpression? Parse(string schedule, string zone)
    {
        var fields = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var format = fields == 5 ? CronFormat.Unix : CronFormat.Quartz;
        if (!CronExpression.TryParse(schedule.Trim(), format, out var cron) || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var tz))
        {
            return null;
        }
        return cron.WithTimeZone(tz);
    }

    public async Task SyncAsync(BackupPolicy policy, CancellationToken ct)
    {
        var cron = Parse(policy.Schedule, policy.TimeZone) ?? throw new InvalidOperationException($"Invalid schedule {policy.Schedule}");
        var scheduler = await factory.GetScheduler(ct);
        var job = JobBuilder.Create<ScheduledBackupJob>()
            .WithIdentity(JobFor(policy.Id))
            .UsingJobData(ScheduledBackupJob.PolicyKey, policy.Id.ToString())
            .DisallowConcurrentExecution()
            .Build();
        var trigger = TriggerBuilder.Create(TimeProvider.System)
            .WithIdentity($"backup-{policy.Id:N}", "backups")
            .ForJob(job)
            .WithSchedule(CronScheduleBuilder.Create(cron).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, ct);
    }
}

/// <summary>At start-up, schedules every policy's job (idempotent: the clustered store keeps one copy).</summary>
public sealed class BackupScheduleSync(IServiceScopeFactory scopes, IOptions<BackupOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SchedulerEnabled)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        var db = scope.ServiceProvider.GetRequiredService<IamOpsDb>();
        var scheduler = scope.ServiceProvider.GetRequiredService<BackupScheduler>();
        foreach (var policy in await db.Set<BackupPolicy>().AsNoTracking().ToListAsync(cancellationToken))
        {
            await scheduler.SyncAsync(policy, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
