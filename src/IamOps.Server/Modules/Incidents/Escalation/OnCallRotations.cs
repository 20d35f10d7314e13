using System.ComponentModel.DataAnnotations;
using IamOps.Server.Data;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace IamOps.Server.Modules.Incidents.Escalation;

public sealed record OnCallOverrideInput([property: Required, EmailAddress, MaxLength(320)] string Email, DateTimeOffset From, DateTimeOffset To);

public sealed record SaveOnCallRotationRequest(
    [property: Required, MinLength(1), MaxLength(100)] string Name,
    [property: Required, MaxLength(64)] string TimeZone,
    DateOnly StartsOn,
    TimeOnly HandoverAt,
    [property: Required, MinLength(1), MaxLength(50)] List<string> Members,
    [property: MaxLength(200)] List<OnCallOverrideInput>? Overrides);

public sealed record OnCallOverrideDto(string Email, DateTimeOffset From, DateTimeOffset To);

public sealed record OnCallRotationDto(
    Guid Id, string Name, string TimeZone, DateOnly StartsOn, TimeOnly HandoverAt, IReadOnlyList<string> Members,
    IReadOnlyList<OnCallOverrideDto> Overrides, string? OnCallNow)
{
    public static OnCallRotationDto From(OnCallRotation r, DateTimeOffset now) => new(r.Id, r.Name, r.TimeZone, r.StartsOn, r.HandoverAt, r.Members,
        r.Overrides.OrderBy(o => o.From).Select(o => new OnCallOverrideDto(o.Email, o.From, o.To)).ToList(), r.OnCallAt(now));
}

/// <summary>The provider's on-call rotations: read by provider staff, kept by provider managers.</summary>
internal static class OnCallRotations
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/", ListAsync).WithName("ListOnCallRotations").RequireAuthorization(Policies.ProviderStaff);
        group.MapPost("/", CreateAsync).WithName("CreateOnCallRotation").RequireAuthorization(Policies.ProviderManager);
        group.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateOnCallRotation").RequireAuthorization(Policies.ProviderManager);
    }

    internal static async Task<Ok<List<OnCallRotationDto>>> ListAsync(IamOpsDb db, TimeProvider clock, CancellationToken ct)
    {
        var rotations = await db.Set<OnCallRotation>().AsNoTracking().OrderBy(r => r.Name).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(rotations.Select(r => OnCallRotationDto.From(r, now)).ToList());
    }

    internal static async Task<Results<Created<OnCallRotationDto>, ValidationProblem>> CreateAsync(
        SaveOnCallRotationRequest request, IamOpsDb db, TimeProvider clock, CancellationToken ct)
    {
        if (await ValidateAsync(request, db, null, ct) is { } problem)
        {
            return problem;
        }
        var rotation = new OnCallRotation { Name = request.Name.Trim(), TimeZone = request.TimeZone };
        Apply(rotation, request);
        db.Add(rotation);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/on-call/rotations/{rotation.Id}", OnCallRotationDto.From(rotation, clock.GetUtcNow()));
    }

    internal static async Task<Results<Ok<OnCallRotationDto>, NotFound, ValidationProblem>> UpdateAsync(
        Guid id, SaveOnCallRotationRequest request, IamOpsDb db, TimeProvider clock, CancellationToken ct)
    {
        var rotation = await db.Set<OnCallRotation>().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (rotation is null)
        {
            return TypedResults.NotFound();
        }
        if (await ValidateAsync(request, db, id, ct) is { } problem)
        {
            return problem;
        }
        Apply(rotation, request);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(OnCallRotationDto.From(rotation, clock.GetUtcNow()));
    }

    private static async Task<ValidationProblem?> ValidateAsync(SaveOnCallRotationRequest request, IamOpsDb db, Guid? id, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(request.TimeZone) is null)
        {
            errors["timeZone"] = [$"'{request.TimeZone}' is not an IANA time zone (e.g. Europe/Paris)."];
        }
        var name = request.Name.Trim();
        if (await db.Set<OnCallRotation>().AnyAsync(r => r.Name == name && r.Id != id, ct))
        {
            errors["name"] = [$"A rotation named '{name}' already exists."];
        }
        var members = request.Members.Select(m => m.Trim()).ToList();
        if (members.FirstOrDefault(m => m.Length > 320 || !new EmailAddressAttribute().IsValid(m)) is { } bad)
        {
            errors["members"] = [$"'{bad}' is not an e-mail address."];
        }
        else if (members.Distinct(StringComparer.OrdinalIgnoreCase).Count() != members.Count)
        {
            errors["members"] = ["Each member appears once in the rotation."];
        }
        else
        {
            var normalized = members.Select(m => m.ToUpperInvariant()).ToList();
            var staff = await db.Users.Where(u => u.Party == Party.Provider && normalized.Contains(u.NormalizedEmail!)).Select(u => u.NormalizedEmail!).ToListAsync(ct);
            if (normalized.Except(staff).ToList() is { Count: > 0 } strangers)
            {
                errors["members"] = [$"Members must be provider staff: {string.Join(", ", strangers.Select(s => s.ToLowerInvariant()))} is not."];
            }
        }
        var overrides = (request.Overrides ?? []).OrderBy(o => o.From).ToList();
        if (overrides.FirstOrDefault(o => o.To <= o.From) is { } empty)
        {
            errors["overrides"] = [$"The override of {empty.Email} ends before it starts."];
        }
        else
        {
            for (var i = 1; i < overrides.Count; i++)
            {
                if (overrides[i].From < overrides[i - 1].To)
                {
                    errors["overrides"] = [$"Overrides overlap: {overrides[i - 1].Email} ({overrides[i - 1].From:u} – {overrides[i - 1].To:u}) and {overrides[i].Email} ({overrides[i].From:u} – {overrides[i].To:u}); make them consecutive."];
                    break;
                }
            }
        }
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : null;
    }

    private static void Apply(OnCallRotation rotation, SaveOnCallRotationRequest request)
    {
        rotation.Name = request.Name.Trim();
        rotation.TimeZone = request.TimeZone;
        rotation.StartsOn = request.StartsOn;
        rotation.HandoverAt = request.HandoverAt;
        rotation.Members = request.Members.Select(m => m.Trim()).ToList();
        rotation.Overrides = (request.Overrides ?? []).OrderBy(o => o.From)
            .Select(o => new OnCallOverride { Email = o.Email.Trim(), From = o.From.ToUniversalTime(), To = o.To.ToUniversalTime() }).ToList();
    }
}
