namespace IamOps.Server.Modules.Notifications;

internal static partial class NotificationsLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} ({Channel}) failed attempt {Attempts}; next attempt at {NextAttemptAt}: {Error}")]
    public static partial void AttemptFailed(ILogger logger, Guid id, OutboxChannel channel, int attempts, DateTimeOffset nextAttemptAt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {Id} ({Channel}) is a dead letter after {Attempts} attempts: {Error}")]
    public static partial void DeadLettered(ILogger logger, Guid id, OutboxChannel channel, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {Id}: the lease passed and another dispatcher took the row over.")]
    public static partial void LeaseLost(ILogger logger, Guid id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox dispatcher: {Delivered} delivered, {Failed} to retry, {Dead} dead-lettered.")]
    public static partial void Dispatched(ILogger logger, int delivered, int failed, int dead);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox dispatcher pass failed; it runs again after the poll interval.")]
    public static partial void PassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail notifications go to SMTP server {Server}.")]
    public static partial void SmtpConfigured(ILogger logger, string server);

    [LoggerMessage(Level = LogLevel.Information, Message = "No SMTP host configured (Notifications:Smtp:Host): e-mail notifications are off.")]
    public static partial void SmtpOff(ILogger logger);
}
