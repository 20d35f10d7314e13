using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace IamOps.Server.Modules.Identity.Sso;

/// <summary>Configures an organisation's OpenID Connect scheme from its settings: authorization code flow with PKCE.</summary>
internal sealed class ConfigureSsoOptions(SsoSchemes schemes, SsoSecretProtector secrets, TimeProvider clock)
    : IConfigureNamedOptions<OpenIdConnectOptions>
{
    public void Configure(OpenIdConnectOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, OpenIdConnectOptions options)
    {
        if (name is null || schemes.Find(name) is not { } sso)
        {
            return;
        }

        options.Authority = sso.Authority;
        options.ClientId = sso.ClientId;
        options.ClientSecret = sso.ProtectedClientSecret is { } protectedSecret
            ? secrets.Unprotect(sso.OrganisationId, protectedSecret)
            : null;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;
        options.Scope.Clear();
        options.Scope.Add(OpenIdConnectScope.OpenId);
        options.Scope.Add(OpenIdConnectScope.Email);
        options.Scope.Add("profile");
        options.CallbackPath = SsoSchemes.CallbackPath(sso.Slug);
        options.SignedOutCallbackPath = $"/signout-callback-oidc/{sso.Slug}";
        options.RemoteSignOutPath = $"/signout-oidc/{sso.Slug}";
        // The ticket never reaches this scheme: CompleteSsoSignIn signs the user in with the application cookie.
        options.SignInScheme = IdentityConstants.ExternalScheme;
        options.MapInboundClaims = false;
        options.GetClaimsFromUserInfoEndpoint = true;
        options.ClaimActions.MapUniqueJsonKey(SsoClaims.EmailVerified, SsoClaims.EmailVerified);
        options.TokenValidationParameters.NameClaimType = SsoClaims.Name;
        options.TimeProvider = clock;

        // A loopback identity provider is a developer's or a test's: plain HTTP is allowed there, nowhere else.
        if (SsoSchemes.IsLoopback(sso.Authority))
        {
            options.RequireHttpsMetadata = false;
            options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        }

        var slug = sso.Slug;
        options.Events = new OpenIdConnectEvents
        {
            OnTicketReceived = context => context.HttpContext.RequestServices
                .GetRequiredService<CompleteSsoSignIn>().HandleAsync(context, slug),
            OnRemoteFailure = context => CompleteSsoSignIn.FailAsync(context, slug),
        };
    }
}

/// <summary>Claim names of the OpenID Connect ID token and UserInfo response.</summary>
internal static class SsoClaims
{
    public const string Subject = "sub";
    public const string Email = "email";
    public const string EmailVerified = "email_verified";
    public const string Name = "name";
}
