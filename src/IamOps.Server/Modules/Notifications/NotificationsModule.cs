using IamOps.Server.Data;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Notifications;

public static class NotificationsModule
{
    public const int MaxPageSize = 200;

    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration("Notifications").ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<INotifier, Notifier>();
        services.AddScoped<ExternalDelivery>();
        services.AddScoped<INotificationChannel, InAppNotificationChannel>();
        services.AddScoped<INotificationChannel, EmailOutboxChannel>();
        services.AddScoped<INotificationChannel, WebhookOutboxChannel>();
        services.AddSingleton<NotificationTemplates>();
        services.AddSingleton<WebhookSecretProtector>();
        services.AddSingleton<OutboxResilience>();
        services.AddScoped<WebhookDelivery>();
        services.AddScoped<OutboxDispatcher>();
        services.AddHttpClient(WebhookDelivery.HttpClientName, c => c.DefaultRequestHeaders.UserAgent.ParseAdd("IamOps-Webhooks/1.0"));
        services.AddHostedService<OutboxDispatcherWorker>();
        return services;
    }

    public static void MapNotifications(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/notifications").WithTags("Notifications").RequireAuthorization();
        group.MapGet("/", ListAsync).WithName("ListNotifications");
        group.MapPost("/{id:guid}/read", MarkReadAsync).WithName("MarkNotificationRead");
        var outbox = group.MapGroup("/outbox").WithTags("Notification outbox").RequireAuthorization(Policies.ProviderStaff);
        ListOutbox.Map(outbox);
        RetryOutboxMessage.Map(outbox);
        WebhookSubscriptionsApi.Map(app);
    }

    /// <summary>The notifications of the caller's party (and, for a client, organisation), newest first.</summary>
    internal static async Task<Results<Ok<Page<NotificationDto>>, ValidationProblem>> ListAsync(
        IamOpsDb db, TenantContext tenant, bool? unread, Guid? clientOrganisationId, int? page, int? pageSize, CancellationToken ct)
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
        var query = ForCaller(db, tenant);
        if (unread == true)
        {
            query = query.Where(n => n.ReadAt == null);
        }
        if (clientOrganisationId is { } client)
        {
            query = query.Where(n => n.ClientOrganisationId == client);
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Page<NotificationDto>(items.Select(NotificationDto.From).ToList(), p, size, total));
    }

    internal static async Task<Results<Ok<NotificationDto>, NotFound>> MarkReadAsync(
        Guid id, IamOpsDb db, TenantContext tenant, TimeProvider clock, CancellationToken ct)
    {
        var notification = await ForCaller(db, tenant).AsTracking().SingleOrDefaultAsync(n => n.Id == id, ct);
        if (notification is null)
        {
            return TypedResults.NotFound();
        }
        if (notification.ReadAt is null)
        {
            notification.ReadAt = clock.GetUtcNow();
            notification.ReadBy = tenant.UserEmail;
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(NotificationDto.From(notification));
    }

    // The tenancy filter limits a client to its organisation; the party keeps each side to its own notifications.
    private static IQueryable<Notification> ForCaller(IamOpsDb db, TenantContext tenant)
    {
        var party = tenant.Party ?? Party.Client;
        return db.Set<Notification>().AsNoTracking().Where(n => n.RecipientParty == party);
    }
}
