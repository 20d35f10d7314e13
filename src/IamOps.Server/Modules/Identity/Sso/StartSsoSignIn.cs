using IamOps.Server.Data;
using Microsoft.AspNetCore.Authentication;

namespace IamOps.Server.Modules.Identity.Sso;

/// <summary><c>GET /account/sso/{slug}</c>: sends the browser to the organisation's identity provider.</summary>
internal static class StartSsoSignIn
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/account/sso/{slug}", HandleAsync).WithName(nameof(StartSsoSignIn)).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> HandleAsync(
        string slug, string? returnUrl, HttpContext http, SsoSchemes schemes, IamOpsDb db, ILogger<SsoSchemes> logger, CancellationToken ct)
    {
        var scheme = await schemes.EnsureAsync(db, slug, ct);
        if (scheme is null)
        {
            return Results.LocalRedirect("/login?error=sso");
        }

        var properties = new AuthenticationProperties { RedirectUri = AccountForms.SafeReturnUrl(returnUrl) };
        try
        {
            await http.ChallengeAsync(scheme, properties);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException && !http.Response.HasStarted)
        {
            // The provider's discovery document could not be read: a person gets a message, not an error page.
            SsoLog.ProviderUnreachable(logger, e, slug);
            return Results.LocalRedirect("/login?error=sso-unavailable");
        }
        return Results.Empty;
    }
}
