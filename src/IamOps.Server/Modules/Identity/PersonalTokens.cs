using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using IamOps.Server.Data;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace IamOps.Server.Modules.Identity;

public sealed record CreatePersonalTokenRequest(
    [property: Required, MinLength(1), MaxLength(100)] string Name,
    [property: Range(1, 3650)] int? ExpiresInDays);

public sealed record PersonalTokenDto(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt);

/// <summary>The token itself is shown once, at creation.</summary>
public sealed record CreatedPersonalTokenDto(Guid Id, string Name, string Token, DateTimeOffset? ExpiresAt);

/// <summary>Personal API tokens for automation: create, list, revoke.</summary>
internal static class PersonalTokens
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/tokens", ListAsync).WithName("ListPersonalTokens");
        group.MapPost("/tokens", CreateAsync).WithName("CreatePersonalToken");
        group.MapDelete("/tokens/{id:guid}", RevokeAsync).WithName("RevokePersonalToken");
    }

    internal static async Task<Ok<List<PersonalTokenDto>>> ListAsync(TenantContext tenant, IamOpsDb db, CancellationToken ct)
    {
        var tokens = await db.Set<PersonalApiToken>().Where(t => t.UserId == tenant.UserId)
            .OrderBy(t => t.CreatedAt)
            .Select(t => new PersonalTokenDto(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(tokens);
    }

    internal static async Task<Results<Created<CreatedPersonalTokenDto>, ProblemHttpResult>> CreateAsync(
        CreatePersonalTokenRequest request, TenantContext tenant, IamOpsDb db, TimeProvider clock, CancellationToken ct)
    {
        if (tenant.UserId is not { } userId || tenant.OrganisationId is not { } orgId)
        {
            return TypedResults.Problem(statusCode: 403, detail: "Only a signed-in user can create a personal API token.");
        }

        var secret = PersonalTokenAuthenticationHandler.TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        var token = new PersonalApiToken
        {
            UserId = userId,
            OrganisationId = orgId,
            Name = request.Name.Trim(),
            Prefix = secret[..(PersonalTokenAuthenticationHandler.TokenPrefix.Length + 6)],
            TokenHash = PersonalTokenAuthenticationHandler.Hash(secret),
            CreatedAt = now,
            ExpiresAt = request.ExpiresInDays is { } days ? now.AddDays(days) : null,
        };
        db.Add(token);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/me/tokens/{token.Id}", new CreatedPersonalTokenDto(token.Id, token.Name, secret, token.ExpiresAt));
    }

    internal static async Task<Results<NoContent, NotFound>> RevokeAsync(
        Guid id, TenantContext tenant, IamOpsDb db, IMemoryCache cache, TimeProvider clock, CancellationToken ct)
    {
        var token = await db.Set<PersonalApiToken>().SingleOrDefaultAsync(t => t.Id == id && t.UserId == tenant.UserId, ct);
        if (token is null)
        {
            return TypedResults.NotFound();
        }
        token.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        cache.Remove("pat:" + token.TokenHash);
        return TypedResults.NoContent();
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
