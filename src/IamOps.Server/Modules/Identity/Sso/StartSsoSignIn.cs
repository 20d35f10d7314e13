using IamOps.Server.Data;
using Microsoft.AspNetCore.Authentication;

namespace IamOps.Server.Modules.Identity.Sso;

/// <summary><c>GET /account/sso/{slug}</c>: sends the browser to the organisation's identity provider.</summary>
internal static class StartSsoSignIn
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/account/sso/{slug}", HandleAsync).WithName(nameof(StartSsoSignIn)).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> HandleAsync(string slug, string? returnUrl, SsoSchemes schemes, IamOpsDb db, CancellationToken ct)
    {
        var scheme = await schemes.EnsureAsync(db, slug, ct);
        if (scheme is null)
        {
            return Results.LocalRedirect("/login?error=sso");
        }
        var properties = new AuthenticationProperties { RedirectUri = AccountForms.SafeReturnUrl(returnUrl) };
        return Results.Challenge(properties, [scheme]);
    }
}
