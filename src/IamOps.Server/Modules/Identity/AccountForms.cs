using IamOps.Server.Modules.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace IamOps.Server.Modules.Identity;

/// <summary>Form posts of the web UI's sign-in page: they set or clear the session cookie.</summary>
internal static class AccountForms
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapPost("/login", LoginAsync).AllowAnonymous();
        account.MapPost("/logout", LogoutAsync);
    }

    private static async Task<IResult> LoginAsync(
        [FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl,
        UserManager<AppUser> users, SignInManager<AppUser> signIn)
    {
        var back = SafeReturnUrl(returnUrl);
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return Results.LocalRedirect($"/login?error=missing&returnUrl={Uri.EscapeDataString(back)}");
        }

        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            return Results.LocalRedirect($"/login?error=invalid&returnUrl={Uri.EscapeDataString(back)}");
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return Results.LocalRedirect($"/login?error=locked&returnUrl={Uri.EscapeDataString(back)}");
        }
        return result.Succeeded
            ? Results.LocalRedirect(back)
            : Results.LocalRedirect($"/login?error=invalid&returnUrl={Uri.EscapeDataString(back)}");
    }

    private static async Task<IResult> LogoutAsync(SignInManager<AppUser> signIn)
    {
        await signIn.SignOutAsync();
        return Results.LocalRedirect("/login");
    }

    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
