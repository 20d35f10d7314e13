using IamOps.Server.Modules.Notifications;
using IamOps.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace IamOps.Server.Tests.Notifications;

/// <summary>IamOps with e-mail going to a local SMTP port, the background dispatcher off (tests dispatch with the fake clock), and
/// short, countable retries: 3 attempts, 1 minute then 2 minutes apart.</summary>
public sealed class NotifyApp : IamOpsApp
{
    public const string MessageIdDomain = "iamops.test";

    private readonly int? _smtpPort;

    /// <summary>With <paramref name="smtpPort"/> null, no SMTP server is configured and no e-mail is queued.</summary>
    public NotifyApp(string provider, int? smtpPort) : base(provider)
    {
        _smtpPort = smtpPort;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (_smtpPort is { } port)
        {
            builder.UseSetting("Notifications:Smtp:Host", "127.0.0.1");
            builder.UseSetting("Notifications:Smtp:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        builder.UseSetting("Notifications:Smtp:Security", "None");
        builder.UseSetting("Notifications:Smtp:MessageIdDomain", MessageIdDomain);
        builder.UseSetting("Notifications:Dispatcher:Enabled", "false");
        // The other background workers (SLA sweep over the demo incidents, backup schedules, configuration snapshots)
        // notify on their own; off here, so each test counts only the messages it queued itself.
        builder.UseSetting("Incidents:SweepEnabled", "false");
        builder.UseSetting("Backups:SchedulerEnabled", "false");
        builder.UseSetting("Configuration:ScheduledSnapshots", "false");
        builder.UseSetting("Notifications:Dispatcher:MaxAttempts", "3");
        builder.UseSetting("Notifications:Dispatcher:InitialBackoff", "00:01:00");
        builder.UseSetting("Notifications:Dispatcher:InProcessRetries", "1");
        builder.UseSetting("Notifications:Dispatcher:AttemptTimeout", "00:00:10");
        builder.UseSetting("Notifications:Dispatcher:BatchSize", "10");
    }

    /// <summary>One dispatch pass, as the background worker would run it.</summary>
    public async Task<DispatchResult> DispatchAsync(CancellationToken ct)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(ct);
    }

    /// <summary>Calls the notifier in its own unit of work, as a module would, and commits.</summary>
    public async Task NotifyAsync(NotificationMessage message, CancellationToken ct)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IamOps.Server.Modules.Platform.TenantContext>().UseSystem();
        await scope.ServiceProvider.GetRequiredService<INotifier>().NotifyAsync(message, ct);
        await scope.ServiceProvider.GetRequiredService<IamOps.Server.Data.IamOpsDb>().SaveChangesAsync(ct);
    }
}
