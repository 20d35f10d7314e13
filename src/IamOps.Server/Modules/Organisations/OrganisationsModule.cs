using System.ComponentModel.DataAnnotations;
using IamOps.Server.Data;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IamOps.Server.Modules.Organisations;

public sealed record OrganisationDto(Guid Id, string Name, string Slug, Party Kind, bool SsoEnabled, DateTimeOffset CreatedAt)
{
    public static OrganisationDto From(Organisation o) => new(o.Id, o.Name, o.Slug, o.Kind, o.Sso.Enabled, o.CreatedAt);
}

public sealed record CreateClientOrganisationRequest(
    [property: Required, MinLength(2), MaxLength(200)] string Name,
    [property: Required, RegularExpression("^[a-z0-9][a-z0-9-]{1,62}$", ErrorMessage = "slug: 2-63 lower-case letters, digits and dashes.")] string Slug);

public sealed record UserDto(Guid Id, string Email, string DisplayName, Guid OrganisationId, Party Party, string Role, bool LockedOut);

public sealed record CreateUserRequest(
    [property: Required, EmailAddress, MaxLength(320)] string Email,
    [property: Required, MinLength(1), MaxLength(200)] string DisplayName,
    [property: Required, MaxLength(32)] string Role,
    [property: Required, MinLength(12), MaxLength(200)] string Password);

public static class OrganisationsModule
{
    public static void MapOrganisations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/organisations").WithTags("Organisations").RequireAuthorization();
        group.MapGet("/", ListAsync).WithName("ListOrganisations");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetOrganisation");
        group.MapPost("/", CreateAsync).WithName("CreateClientOrganisation").RequireAuthorization(Policies.ProviderAdmin);
        group.MapGet("/{id:guid}/users", ListUsersAsync).WithName("ListUsers");
        group.MapPost("/{id:guid}/users", CreateUserAsync).WithName("CreateUser");
    }

    internal static async Task<Ok<List<OrganisationDto>>> ListAsync(IamOpsDb db, CancellationToken ct)
    {
        var orgs = await db.Organisations.AsNoTracking().OrderBy(o => o.Kind).ThenBy(o => o.Name).ToListAsync(ct);
        return TypedResults.Ok(orgs.Select(OrganisationDto.From).ToList());
    }

    private static async Task<Results<Ok<OrganisationDto>, NotFound>> GetAsync(Guid id, IamOpsDb db, CancellationToken ct)
    {
        var org = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct);
        return org is null ? TypedResults.NotFound() : TypedResults.Ok(OrganisationDto.From(org));
    }

    private static async Task<Results<Created<OrganisationDto>, Conflict<Microsoft.AspNetCore.Mvc.ProblemDetails>>> CreateAsync(
        CreateClientOrganisationRequest request, IamOpsDb db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Organisations.AnyAsync(o => o.Slug == request.Slug, ct))
        {
            return TypedResults.Conflict(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = 409, Title = "Slug taken", Detail = $"An organisation with slug '{request.Slug}' exists.",
            });
        }
        var org = new Organisation { Name = request.Name.Trim(), Slug = request.Slug, Kind = Party.Client, CreatedAt = clock.GetUtcNow() };
        db.Add(org);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/organisations/{org.Id}", OrganisationDto.From(org));
    }

    internal static async Task<Results<Ok<List<UserDto>>, NotFound>> ListUsersAsync(Guid id, IamOpsDb db, TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Organisations.AnyAsync(o => o.Id == id, ct))
        {
            return TypedResults.NotFound();
        }
        var now = clock.GetUtcNow();
        var users = await db.Users.AsNoTracking().Where(u => u.OrganisationId == id).OrderBy(u => u.Email).ToListAsync(ct);
        return TypedResults.Ok(users.Select(u => new UserDto(u.Id, u.Email!, u.DisplayName, u.OrganisationId, u.Party, u.Role, u.LockoutEnd > now)).ToList());
    }

    private static async Task<Results<Created<UserDto>, NotFound, ForbidHttpResult, ValidationProblem>> CreateUserAsync(
        Guid id, CreateUserRequest request, IamOpsDb db, TenantContext tenant, UserManager<AppUser> users,
        TimeProvider clock, CancellationToken ct)
    {
        var org = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct);
        if (org is null)
        {
            return TypedResults.NotFound();
        }
        // Administrators manage their own organisation's users; provider administrators manage everyone's.
        var allowed = tenant.Role == Roles.ProviderAdmin && (tenant.IsProvider || tenant.OrganisationId == id);
        if (!allowed)
        {
            return TypedResults.Forbid();
        }
        if (!Roles.IsValid(org.Kind, request.Role))
        {
            var valid = org.Kind == Party.Provider ? Roles.ProviderRoles : Roles.ClientRoles;
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["role"] = [$"'{request.Role}' is not a {org.Kind.ToString().ToLowerInvariant()} role; use one of: {string.Join(", ", valid)}."],
            });
        }

        var user = new AppUser
        {
            UserName = request.Email,
            Email = request.Email,
            EmailConfirmed = true,
            DisplayName = request.DisplayName,
            OrganisationId = id,
            Party = org.Kind,
            Role = request.Role,
            CreatedAt = clock.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, request.Password);
        if (!result.Succeeded)
        {
            return TypedResults.ValidationProblem(result.Errors
                .GroupBy(e => e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? "email" : "user")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
        }
        return TypedResults.Created($"/api/v1/organisations/{id}/users/{user.Id}",
            new UserDto(user.Id, user.Email, user.DisplayName, user.OrganisationId, user.Party, user.Role, false));
    }
}
