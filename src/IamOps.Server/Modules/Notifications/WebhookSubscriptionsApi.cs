using System.ComponentModel.DataAnnotations;
using IamOps.Server.Data;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Notifications;

/// <summary>A new webhook subscription of the caller's organisation.</summary>
/// <param name="EventTypes">Event types to receive (<c>incident.opened</c>, <c>incident.*</c>); empty or missing means all.</param>
public sealed record CreateWebhookSubscriptionRequest(
    [property: Required, MaxLength(2000)] string Url,
    [property: MaxLength(20)] IReadOnlyList<string>? EventTypes,
    [property: MaxLength(500)] string? Description);

/// <summary>New settings of a webhook subscription; the secret cannot be changed (delete and create again to rotate it).</summary>
public sealed record UpdateWebhookSubscriptionRequest(
    [property: Required, MaxLength(2000)] string Url,
    [property: MaxLength(20)] IReadOnlyList<string>? EventTypes,
    [property: MaxLength(500)] string? Description,
    bool Enabled);

/// <summary><c>/api/v1/webhooks</c>: the caller's organisation's webhook subscriptions; administrators create, change and delete them.</summary>
internal static class WebhookSubscriptionsApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks").RequireAuthorization();
        group.MapGet("/", ListAsync).WithName("ListWebhookSubscriptions");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetWebhookSubscription");
        var admin = group.MapGroup("").RequireAuthorization(Policies.OrganisationAdmin);
        admin.MapPost("/", CreateAsync).WithName("CreateWebhookSubscription")
            .WithSummary("Subscribe a URL to the organisation's notifications; the answer shows the signing secret, once.")
            .WithDescription("Each delivery is a POST of a JSON body with headers Idempotency-Key (the same on every retry), IamOps-Event, and "
                + "IamOps-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\" keyed with the secret>.");
        admin.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateWebhookSubscription");
        admin.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteWebhookSubscription");
    }

    internal static async Task<Ok<List<WebhookSubscriptionDto>>> ListAsync(IamOpsDb db, CancellationToken ct)
    {
        var items = await db.Set<WebhookSubscription>().AsNoTracking().OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync(ct);
        return TypedResults.Ok(items.Select(WebhookSubscriptionDto.From).ToList());
    }

    internal static async Task<Results<Ok<WebhookSubscriptionDto>, NotFound>> GetAsync(Guid id, IamOpsDb db, CancellationToken ct)
    {
        var subscription = await db.Set<WebhookSubscription>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        return subscription is null ? TypedResults.NotFound() : TypedResults.Ok(WebhookSubscriptionDto.From(subscription));
    }

    internal static async Task<Results<Created<CreatedWebhookSubscriptionDto>, ValidationProblem, ForbidHttpResult>> CreateAsync(
        CreateWebhookSubscriptionRequest request, IamOpsDb db, TenantContext tenant, WebhookSecretProtector secrets, TimeProvider clock,
        CancellationToken ct)
    {
        if (tenant.OrganisationId is not { } organisationId)
        {
            return TypedResults.Forbid();
        }
        if (Validate(request.Url, request.EventTypes) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var secret = WebhookSecretProtector.NewSecret();
        var subscription = new WebhookSubscription
        {
            ClientOrganisationId = organisationId,
            Url = request.Url.Trim(),
            Description = request.Description,
            EventTypes = Normalise(request.EventTypes),
            ProtectedSecret = secrets.Protect(organisationId, secret),
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = tenant.UserEmail ?? "unknown",
        };
        db.Add(subscription);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/webhooks/{subscription.Id}",
            new CreatedWebhookSubscriptionDto(WebhookSubscriptionDto.From(subscription), secret));
    }

    internal static async Task<Results<Ok<WebhookSubscriptionDto>, NotFound, ValidationProblem>> UpdateAsync(
        Guid id, UpdateWebhookSubscriptionRequest request, IamOpsDb db, CancellationToken ct)
    {
        var subscription = await db.Set<WebhookSubscription>().AsTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (subscription is null)
        {
            return TypedResults.NotFound();
        }
        if (Validate(request.Url, request.EventTypes) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        subscription.Url = request.Url.Trim();
        subscription.EventTypes = Normalise(request.EventTypes);
        subscription.Description = request.Description;
        subscription.Enabled = request.Enabled;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(WebhookSubscriptionDto.From(subscription));
    }

    internal static async Task<Results<NoContent, NotFound>> DeleteAsync(Guid id, IamOpsDb db, CancellationToken ct)
    {
        var subscription = await db.Set<WebhookSubscription>().AsTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (subscription is null)
        {
            return TypedResults.NotFound();
        }
        db.Remove(subscription);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static Dictionary<string, string[]> Validate(string url, IReadOnlyList<string>? eventTypes)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            errors["url"] = ["Give an absolute http(s) URL without credentials, e.g. https://hooks.example.com/iamops."];
        }
        var bad = (eventTypes ?? []).Where(e => string.IsNullOrWhiteSpace(e) || e.Length > 100 || e.Any(ch => !(char.IsAsciiLetterOrDigit(ch) || ch is '.' or '*' or '-' or '_')))
            .ToList();
        if (bad.Count > 0)
        {
            errors["eventTypes"] = [$"Event types are up to 100 characters of letters, digits, '.', '-', '_' or a trailing '*' (e.g. incident.opened, incident.*); invalid: {string.Join(", ", bad.Select(b => $"'{b}'"))}."];
        }
        return errors;
    }

    private static List<string> Normalise(IReadOnlyList<string>? eventTypes) =>
        [.. (eventTypes ?? []).Select(e => e.Trim().ToLowerInvariant()).Distinct()];
}
