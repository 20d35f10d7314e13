using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using IamOps.Server.Data;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Changes;

public sealed record CreateCalendarFeedRequest([property: Required, MinLength(1), MaxLength(200)] string Label, Guid? ClientOrganisationId = null);

public sealed record CalendarFeedDto(Guid Id, Guid ClientOrganisationId, string Label, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>Shown once, at creation: the secret subscription address.</summary>
public sealed record CreatedCalendarFeedDto(Guid Id, Guid ClientOrganisationId, string Label, string Url);

/// <summary>
/// Per-client iCalendar feeds: a secret URL (only its SHA-256 is stored, the token is shown once) that calendar
/// applications poll without signing in; revoking it stops the feed at once.
/// </summary>
internal static class CalendarFeeds
{
    public const string FeedPath = "/api/v1/calendar-feeds";

    public static void Map(RouteGroupBuilder group, IEndpointRouteBuilder app)
    {
        group.MapGet("/calendar/feeds", ListAsync).WithName("ListCalendarFeeds");
        group.MapPost("/calendar/feeds", CreateAsync).WithName("CreateCalendarFeed");
        group.MapDelete("/calendar/feeds/{id:guid}", RevokeAsync).WithName("RevokeCalendarFeed");
        // Anonymous on purpose: the unguessable token in the path is the credential (calendar clients cannot sign in).
        app.MapGet(FeedPath + "/{token}", FeedAsync).AllowAnonymous().WithTags("Changes").WithName("CalendarFeed");
    }

    internal static async Task<Ok<List<CalendarFeedDto>>> ListAsync(IamOpsDb db, CancellationToken ct) =>
        TypedResults.Ok(await db.Set<CalendarFeed>().AsNoTracking().OrderBy(f => f.CreatedAt)
            .Select(f => new CalendarFeedDto(f.Id, f.ClientOrganisationId, f.Label, f.CreatedBy, f.CreatedAt, f.RevokedAt)).ToListAsync(ct));

    internal static async Task<Results<Created<CreatedCalendarFeedDto>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> CreateAsync(
        CreateCalendarFeedRequest request, IamOpsDb db, TenantContext tenant, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (tenant.Party == Party.Client && tenant.Role == Roles.ClientViewer)
        {
            return TypedResults.Problem(WorkflowProblems.Forbidden("The viewer role is read-only; ask an admin or contact of your organisation to create a calendar feed."));
        }
        var client = await ClientOf.ResolveAsync(db, tenant, request.ClientOrganisationId, ct);
        if (client.Problem is not null)
        {
            return client.Problem.Status == 404 ? TypedResults.NotFound(client.Problem) : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["clientOrganisationId"] = [client.Problem.Detail!] });
        }
        var token = "iamops_cal_" + Base64Url(RandomNumberGenerator.GetBytes(32));
        var feed = new CalendarFeed
        {
            ClientOrganisationId = client.Id, TokenHash = Hash(token), Label = request.Label.Trim(),
            CreatedBy = tenant.UserEmail ?? "system", CreatedAt = clock.GetUtcNow(),
        };
        db.Add(feed);
        await db.SaveChangesAsync(ct);
        var url = $"{http.Request.Scheme}://{http.Request.Host}{FeedPath}/{token}";
        return TypedResults.Created($"/api/v1/changes/calendar/feeds/{feed.Id}", new CreatedCalendarFeedDto(feed.Id, feed.ClientOrganisationId, feed.Label, url));
    }

    internal static async Task<Results<NoContent, NotFound, ProblemHttpResult>> RevokeAsync(Guid id, IamOpsDb db, TenantContext tenant, TimeProvider clock, CancellationToken ct)
    {
        var feed = await db.Set<CalendarFeed>().SingleOrDefaultAsync(f => f.Id == id, ct);
        if (feed is null)
        {
            return TypedResults.NotFound();
        }
        if (tenant.Party == Party.Client && tenant.Role == Roles.ClientViewer)
        {
            return TypedResults.Problem(WorkflowProblems.Forbidden("The viewer role is read-only."));
        }
        feed.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<ContentHttpResult, NotFound>> FeedAsync(string token, IamOpsDb db, TenantContext tenant, TimeProvider clock, CancellationToken ct)
    {
        var hash = Hash(token);
        // The token is the credential: found without the tenancy filter (the caller is anonymous), then everything is
        // read for that one client only.
        var feed = await db.Set<CalendarFeed>().IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(f => f.TokenHash == hash, ct);
        if (feed is null || feed.RevokedAt is not null)
        {
            return TypedResults.NotFound();
        }
        tenant.UseSystem();
        var now = clock.GetUtcNow();
        var entries = await ChangeCalendar.EntriesAsync(db, feed.ClientOrganisationId, now.AddDays(-30), now.AddDays(180), ct);
        return TypedResults.Text(Serialize(entries, now), "text/calendar; charset=utf-8");
    }

    internal static string Serialize(IEnumerable<CalendarEntryDto> entries, DateTimeOffset now)
    {
        var calendar = new Calendar { ProductId = "-//Cloud-IAM//IamOps change calendar//EN" };
        calendar.AddProperty("X-WR-CALNAME", "IamOps changes and maintenance windows");
        foreach (var e in entries)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{e.Kind}-{e.Id?.ToString() ?? e.Start.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)}@iamops",
                Summary = e.Kind switch
                {
                    "change" => $"[{e.Type} change, {e.Status}] {e.Title}",
                    "window" => $"[Maintenance window] {e.Title}",
                    _ => $"[Change freeze] {e.Title}",
                },
                DtStart = new CalDateTime(e.Start.UtcDateTime, "UTC", hasTime: true),
                DtEnd = new CalDateTime(e.End.UtcDateTime, "UTC", hasTime: true),
                DtStamp = new CalDateTime(now.UtcDateTime, "UTC", hasTime: true),
                Description = e.Link,
            });
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    internal static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
