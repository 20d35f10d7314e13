using Microsoft.Extensions.Options;

namespace IamOps.Server.Modules.Notifications;

/// <summary>Runs <see cref="OutboxDispatcher.DispatchDueAsync"/> every poll interval (after the configured start delay).</summary>
internal sealed class OutboxDispatcherWorker(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<NotificationOptions> options, ILogger<OutboxDispatcherWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Smtp.Enabled)
        {
            NotificationsLog.SmtpConfigured(logger, settings.Smtp.ToString());
        }
        else
        {
            NotificationsLog.SmtpOff(logger);
        }
        if (!settings.Dispatcher.Enabled)
        {
            return;
        }
        try
        {
            await Task.Delay(settings.Dispatcher.StartDelay, clock, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await PassAsync(stoppingToken);
                await Task.Delay(settings.Dispatcher.PollInterval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; undelivered rows stay in the outbox for the next start.
        }
    }

    private async Task PassAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(ct);
            if (result.Claimed > 0)
            {
                NotificationsLog.Dispatched(logger, result.Delivered, result.Failed, result.DeadLettered);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            NotificationsLog.PassFailed(logger, e);
        }
    }
}
