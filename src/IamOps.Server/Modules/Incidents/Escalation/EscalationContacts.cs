using System.ComponentModel.DataAnnotations;
using IamOps.Server.Data;
using IamOps.Server.Modules.AuditTrail;
using IamOps.Server.Modules.Platform;
using IamOps.Server.Modules.Raci;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace IamOps.Server.Modules.Incidents.Escalation;

public sealed record EscalationContactInput(
    [property: Required, MinLength(1), MaxLength(200)] string Name,
    ContactChannel Channel,
    [property: Required, MinLength(3), MaxLength(500)] string Address,
    [property: Required, MaxLength(64)] string TimeZone,
    [property: Required, MaxLength(32), RegularExpression("^[1-7](,[1-7]){0,6}$", ErrorMessage = "reachableDays lists ISO day numbers 1 (Monday) to 7 (Sunday), e.g. 1,2,3,4,5.")] string ReachableDays,
    TimeOnly ReachableFrom,
    TimeOnly ReachableTo);

public sealed record SaveEscalationContactsRequest([property: Required, MaxLength(50)] List<EscalationContactInput> Contacts);

public sealed record EscalationContactDto(
    Guid Id, Guid ClientOrganisationId, int Position, string Name, ContactChannel Channel, string Address, string TimeZone,
    string ReachableDays, TimeOnly ReachableFrom, TimeOnly ReachableTo, bool ReachableNow);

/// <summary>The client's ordered escalation list: kept by the client (R), read by the provider (I).</summary>
internal static class EscalationContacts
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/", ListAsync).WithName("ListEscalationContacts");
        group.MapPut("/", SaveAsync).WithName("SaveEscalationContacts").RequiresRaci(RaciActivities.EscalationContactList, RaciDuty.Perform);
    }

    internal static async Task<Ok<List<EscalationContactDto>>> ListAsync(Guid? clientOrganisationId, IamOpsDb db, TimeProvider clock, CancellationToken ct)
    {
        var query = db.Set<EscalationContact>().AsNoTracking();
        if (clientOrganisationId is { } client)
        {
            query = query.Where(c => c.ClientOrganisationId == client);
        }
        var contacts = await query.OrderBy(c => c.ClientOrganisationId).ThenBy(c => c.Position).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(contacts.Select(c => From(c, now)).ToList());
    }

    /// <summary>Replaces the caller's organisation's list, in the order given.</summary>
    internal static async Task<Results<Ok<List<EscalationContactDto>>, ValidationProblem>> SaveAsync(
        SaveEscalationContactsRequest request, IamOpsDb db, TenantContext tenant, TimeProvider clock, AuditScope audit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < request.Contacts.Count; i++)
        {
            var c = request.Contacts[i];
            if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(c.TimeZone) is null)
            {
                errors[$"contacts[{i}].timeZone"] = [$"'{c.TimeZone}' is not an IANA time zone (e.g. Europe/Paris)."];
            }
            var addressOk = c.Channel switch
            {
                ContactChannel.Email => new EmailAddressAttribute().IsValid(c.Address),
                ContactChannel.Phone => c.Address.All(ch => char.IsDigit(ch) || ch is '+' or ' ' or '.' or '-' or '(' or ')') && c.Address.Count(char.IsDigit) >= 6,
                ContactChannel.Webhook => Uri.TryCreate(c.Address, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http",
                _ => false,
            };
            if (!addressOk)
            {
                errors[$"contacts[{i}].address"] = [$"'{c.Address}' is not a valid {c.Channel.ToString().ToLowerInvariant()} address."];
            }
        }
        var contacts = request.Contacts.Select((c, i) => new EscalationContact
        {
            ClientOrganisationId = tenant.OrganisationId!.Value,
            Position = i + 1,
            Name = c.Name.Trim(),
            Channel = c.Channel,
            Address = c.Address.Trim(),
            TimeZone = c.TimeZone,
            ReachableDays = string.Join(',', EscalationContact.Days(c.ReachableDays).Order()),
            ReachableFrom = c.ReachableFrom,
            ReachableTo = c.ReachableTo,
        }).ToList();
        if (!contacts.Any(c => c.HasHours))
        {
            errors["contacts"] = ["The list needs at least one contact reachable at some hour of the week (reachable days, and reachableFrom different from reachableTo)."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        audit.ActivityKey = RaciActivities.EscalationContactList;
        var existing = await db.Set<EscalationContact>().Where(c => c.ClientOrganisationId == tenant.OrganisationId).ToListAsync(ct);
        db.RemoveRange(existing);
        db.AddRange(contacts);
        await db.SaveChangesAsync(ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(contacts.Select(c => From(c, now)).ToList());
    }

    private static EscalationContactDto From(EscalationContact c, DateTimeOffset now) => new(c.Id, c.ClientOrganisationId, c.Position, c.Name, c.Channel,
        c.Address, c.TimeZone, c.ReachableDays, c.ReachableFrom, c.ReachableTo, c.IsReachableAt(now));
}
