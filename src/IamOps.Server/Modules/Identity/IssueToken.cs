using System.ComponentModel.DataAnnotations;
using IamOps.Server.Modules.Organisations;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace IamOps.Server.Modules.Identity;

public sealed record IssueTokenRequest(
    [property: Required, EmailAddress, MaxLength(320)] string Email,
    [property: Required, MaxLength(200)] string Password);

/// <summary>Exchanges an email and password for a short-lived bearer token.</summary>
internal static class IssueToken
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/token", HandleAsync).WithName(nameof(IssueToken)).AllowAnonymous()
            .WithSummary("Sign in with email and password; returns a bearer token valid 15 minutes and a refresh token.");

    private static async Task<Results<SignInHttpResult, ProblemHttpResult>> HandleAsync(
        IssueTokenRequest request, UserManager<AppUser> users, SignInManager<AppUser> signIn)
    {
        var user = await users.FindByEmailAsync(request.Email);
        if (user is null)
        {
            return InvalidCredentials();
        }

        var result = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status423Locked, title: "Account locked",
                detail: "Too many failed sign-ins: the account is locked for 15 minutes.");
        }
        if (!result.Succeeded)
        {
            return InvalidCredentials();
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static ProblemHttpResult InvalidCredentials() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid credentials",
            detail: "The email or password is wrong.");
}

public sealed record RefreshTokenRequest([property: Required, MaxLength(8192)] string RefreshToken);

/// <summary>Exchanges a refresh token for a new bearer token.</summary>
internal static class RefreshToken
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/refresh", HandleAsync).WithName(nameof(RefreshToken)).AllowAnonymous();

    private static async Task<Results<SignInHttpResult, ProblemHttpResult>> HandleAsync(
        RefreshTokenRequest request, Microsoft.Extensions.Options.IOptionsMonitor<BearerTokenOptions> options,
        SignInManager<AppUser> signIn, TimeProvider clock)
    {
        var protector = options.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = protector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid refresh token",
                detail: "The refresh token is invalid or expired: sign in again.");
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }
}
