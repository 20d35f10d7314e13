using IamOps.Server.Modules.Organisations;

namespace IamOps.Server.Modules.Identity.Sso;

/// <summary>An organisation's single sign-on settings as shown to its administrators; the client secret never leaves IamOps.</summary>
/// <param name="SignInUrl">Where users start a sign-in through the identity provider.</param>
/// <param name="RedirectUri">The redirect URI to register for the client at the identity provider.</param>
public sealed record SsoSettingsDto(
    Guid OrganisationId, bool Enabled, string? Authority, string? ClientId, bool HasClientSecret, string? DefaultRole,
    string SignInUrl, string RedirectUri)
{
    public static SsoSettingsDto From(Organisation org, HttpRequest request)
    {
        var origin = $"{request.Scheme}://{request.Host}{request.PathBase}";
        return new SsoSettingsDto(org.Id, org.Sso.Enabled, org.Sso.Authority, org.Sso.ClientId,
            !string.IsNullOrEmpty(org.Sso.ProtectedClientSecret), org.Sso.DefaultRole,
            origin + SsoSchemes.SignInPath(org.Slug), origin + SsoSchemes.CallbackPath(org.Slug));
    }
}
