using IamOps.Server.Data;
using IamOps.Server.Modules.AuditTrail;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Notifications;

/// <summary><c>GET /api/v1/notifications/outbox</c>: e-mail and webhook deliveries, e.g. <c>?state=dead</c> for the dead letters (provider staff).</summary>
internal static class ListOutbox
{
    public const int MaxPageSize = 200;

    public static void Map(RouteGroupBuilder group) => group.MapGet("/", HandleAsync).WithName(nameof(ListOutbox))
        .WithSummary("E-mail and webhook deliveries of notifications, newest first; state=dead lists the dead letters.");

    internal static async Task<Results<Ok<Page<OutboxMessageDto>>, ValidationProblem>> HandleAsync(
        IamOpsDb db, string? state, string? channel, Guid? clientOrganisationId, int? page, int? pageSize, CancellationToken ct)
    {
        var p = page ?? 1;
        var size = pageSize ?? 50;
        if (p < 1 || size is < 1 or > MaxPageSize)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [p < 1 ? "page" : "pageSize"] = [$"page starts at 1; pageSize is between 1 and {MaxPageSize}."],
            });
        }
        if (!EnumQuery.TryParse<OutboxState>(state, out var wantedState))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["state"] = [$"Unknown state '{state}'; use one of {EnumQuery.Names<OutboxState>()}."],
            });
        }
        if (!EnumQuery.TryParse<OutboxChannel>(channel, out var wantedChannel))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["channel"] = [$"Unknown channel '{channel}'; use one of {EnumQuery.Names<OutboxChannel>()}."],
            });
        }
        var query = db.Set<OutboxMessage>().AsNoTracking();
        if (wantedState is { } s)
        {
            query = query.Where(m => m.State == s);
        }
        if (wantedChannel is { } c)
        {
            query = query.Where(m => m.Channel == c);
        }
        if (clientOrganisationId is { } client)
        {
            query = query.Where(m => m.ClientOrganisationId == client);
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Page<OutboxMessageDto>([.. items.Select(OutboxMessageDto.From)], p, size, total));
    }
}

/// <summary><c>POST /api/v1/notifications/outbox/{id}/retry</c>: puts a dead letter (or a waiting delivery) back in line, due now.</summary>
internal static class RetryOutboxMessage
{
    public const string Action = "notification-retried";

    public static void Map(RouteGroupBuilder group) => group.MapPost("/{id:guid}/retry", HandleAsync).WithName(nameof(RetryOutboxMessage))
        .WithSummary("Retry a dead-lettered (or waiting) delivery now, with a fresh count of attempts.");

    internal static async Task<Results<Ok<OutboxMessageDto>, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, IamOpsDb db, TimeProvider clock, AuditScope audit, CancellationToken ct)
    {
        var message = await db.Set<OutboxMessage>().AsTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
        if (message is null)
        {
            return TypedResults.NotFound();
        }
        if (message.State == OutboxState.Delivered)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already delivered",
                detail: $"Delivery {id} went out at {message.DeliveredAt:O}; only dead or pending deliveries can be retried.");
        }
        var previous = message.State;
        message.State = OutboxState.Pending;
        message.Attempts = 0;
        message.NextAttemptAt = clock.GetUtcNow();
        message.LeaseUntil = null;
        message.LeaseToken = null;
        audit.RecordEvent(message.ClientOrganisationId, Action, nameof(OutboxMessage), message.Id.ToString(),
            $$"""{"previousState":"{{previous}}","channel":"{{message.Channel}}","idempotencyKey":"{{message.IdempotencyKey}}"}""");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(OutboxMessageDto.From(message));
    }
}
