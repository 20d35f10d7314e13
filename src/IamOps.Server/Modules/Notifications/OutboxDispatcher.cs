using IamOps.Server.Data;
using IamOps.Server.Modules.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace IamOps.Server.Modules.Notifications;

/// <summary>What one dispatch pass did.</summary>
public sealed record DispatchResult(int Claimed, int Delivered, int Failed, int DeadLettered);

/// <summary>Claims due outbox rows, delivers them, and records the outcome: delivered, retry later (exponential backoff), or dead letter.</summary>
/// <remarks>
/// A claim is a lease: one UPDATE sets <see cref="OutboxMessage.LeaseUntil"/> and a fresh <see cref="OutboxMessage.LeaseToken"/> on
/// rows that are due and free, so two dispatchers (two server instances on PostgreSQL) never hold the same row; the outcome is saved
/// with the token as concurrency token. A dispatcher that dies leaves its rows leased until the lease passes, then another takes them:
/// delivery is at least once, and the idempotency key (Message-Id, Idempotency-Key header) lets the receiver drop a repeat.
/// </remarks>
public sealed class OutboxDispatcher(
    IamOpsDb db, TenantContext tenant, TimeProvider clock, IOptions<NotificationOptions> options, OutboxResilience resilience,
    WebhookDelivery webhooks, ILogger<OutboxDispatcher> logger)
{
    /// <summary>Delivers every row due now, in batches, until none is left; returns the totals.</summary>
    public async Task<DispatchResult> DispatchDueAsync(CancellationToken ct)
    {
        var total = new DispatchResult(0, 0, 0, 0);
        while (true)
        {
            var batch = await DispatchBatchAsync(ct);
            total = new DispatchResult(total.Claimed + batch.Claimed, total.Delivered + batch.Delivered, total.Failed + batch.Failed,
                total.DeadLettered + batch.DeadLettered);
            if (batch.Claimed < options.Value.Dispatcher.BatchSize)
            {
                return total;
            }
        }
    }

    /// <summary>Claims at most one batch of due rows and delivers it.</summary>
    public async Task<DispatchResult> DispatchBatchAsync(CancellationToken ct)
    {
        tenant.UseSystem();
        var settings = options.Value.Dispatcher;
        var claimed = await ClaimAsync(settings, ct);
        if (claimed.Count == 0)
        {
            return new DispatchResult(0, 0, 0, 0);
        }
        int delivered = 0, failed = 0, dead = 0, unsaved = 0;
        await using var mailer = new SmtpMailer(options.Value.Smtp, settings.AttemptTimeout);
        foreach (var message in claimed)
        {
            string? error = null;
            try
            {
                await resilience.Pipeline.ExecuteAsync(async token => await DeliverAsync(message, mailer, token), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                error = $"{e.GetType().Name}: {e.Message}";
            }
            var now = clock.GetUtcNow();
            message.Attempts++;
            message.LastAttemptAt = now;
            message.LeaseUntil = null;
            message.LeaseToken = null;
            if (error is null)
            {
                message.State = OutboxState.Delivered;
                message.DeliveredAt = now;
                message.LastError = null;
                delivered++;
            }
            else if (message.Attempts >= settings.MaxAttempts)
            {
                message.State = OutboxState.Dead;
                message.LastError = Text.Trim(error, 2000);
                dead++;
                NotificationsLog.DeadLettered(logger, message.Id, message.Channel, message.Attempts, error);
            }
            else
            {
                message.NextAttemptAt = now + settings.BackoffAfter(message.Attempts);
                message.LastError = Text.Trim(error, 2000);
                failed++;
                NotificationsLog.AttemptFailed(logger, message.Id, message.Channel, message.Attempts, message.NextAttemptAt, error);
            }
            if (++unsaved >= settings.RecordEvery)
            {
                await SaveOutcomesAsync(ct);
                unsaved = 0;
            }
        }
        await SaveOutcomesAsync(ct);
        return new DispatchResult(claimed.Count, delivered, failed, dead);
    }

    private async Task<List<OutboxMessage>> ClaimAsync(DispatcherOptions settings, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = db.Set<OutboxMessage>();
        var due = await rows.AsNoTracking()
            .Where(m => m.State == OutboxState.Pending && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => m.Id).Take(settings.BatchSize).ToListAsync(ct);
        if (due.Count == 0)
        {
            return [];
        }
        // The conditions are evaluated again by the UPDATE itself: a row another dispatcher claimed in between is skipped
        // (on PostgreSQL the UPDATE waits for the other's row lock and re-checks the row it committed).
        var token = Guid.NewGuid();
        var until = now + settings.Lease;
        await rows
            .Where(m => due.Contains(m.Id) && m.State == OutboxState.Pending && (m.LeaseUntil == null || m.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, until).SetProperty(m => m.LeaseToken, token), ct);
        return await rows.AsTracking().Where(m => m.LeaseToken == token).OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).ToListAsync(ct);
    }

    private async Task DeliverAsync(OutboxMessage message, SmtpMailer mailer, CancellationToken ct)
    {
        switch (message.Channel)
        {
            case OutboxChannel.Email:
                await mailer.SendAsync(message, ct);
                break;
            case OutboxChannel.Webhook:
                await webhooks.SendAsync(message, ct);
                break;
        }
    }

    // Outcomes are committed a few at a time (RecordEvery): a crash in between re-sends at most that many, with the same
    // idempotency keys, once their lease has passed.
    private async Task SaveOutcomesAsync(CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateConcurrencyException e)
            {
                // The lease ran out and another dispatcher took these rows over: its outcome stands; save the others.
                foreach (var entry in e.Entries)
                {
                    NotificationsLog.LeaseLost(logger, ((OutboxMessage)entry.Entity).Id);
                    entry.State = EntityState.Detached;
                }
            }
        }
    }
}

/// <summary>The Polly pipeline around one delivery try: a time limit per try, and a few quick retries for transient failures.</summary>
public sealed class OutboxResilience(IOptions<NotificationOptions> options)
{
    public ResiliencePipeline Pipeline { get; } = Build(options.Value.Dispatcher);

    private static ResiliencePipeline Build(DispatcherOptions settings)
    {
        var builder = new ResiliencePipelineBuilder();
        if (settings.InProcessRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.InProcessRetries,
                Delay = TimeSpan.FromMilliseconds(200),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is TimeoutRejectedException
                    || e is not PermanentDeliveryException and not OperationCanceledException),
            });
        }
        return builder.AddTimeout(settings.AttemptTimeout).Build();
    }
}

/// <summary>A failure that retrying at once will not cure (e.g. the subscription was deleted); still retried across attempts.</summary>
public sealed class PermanentDeliveryException(string message) : Exception(message);
