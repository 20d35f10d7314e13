using IamOps.Server.Data;
using IamOps.Server.Modules.Identity.Sso;
using IamOps.Server.Modules.Organisations;
using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace IamOps.Server.Modules.Identity;

public static class IdentityModule
{
    public const string SmartScheme = "IamOps";

    public static IServiceCollection AddIamOpsIdentity(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie, bearer token or personal API token", o =>
                o.ForwardDefaultSelector = SelectScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromMinutes(15))
            .AddScheme<AuthenticationSchemeOptions, PersonalTokenAuthenticationHandler>(PersonalTokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(o =>
            {
                o.LoginPath = "/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/login";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Cookie.Name = "iamops.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx, StatusCodes.Status403Forbidden);
            }));

        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<IamOpsDb>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<IamOpsClaimsFactory>()
            .AddDefaultTokenProviders();

        services.AddAuthorizationBuilder().AddIamOpsPolicies();
        services.AddSingleSignOn();
        return services;
    }

    public static void MapIamOpsIdentity(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Authentication");
        IssueToken.Map(auth);
        RefreshToken.Map(auth);

        var me = app.MapGroup("/api/v1/me").WithTags("Authentication").RequireAuthorization();
        GetMe.Map(me);
        PersonalTokens.Map(me);

        AccountForms.Map(app);
        app.MapSingleSignOn();
    }

    private static string SelectScheme(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer " + PersonalTokenAuthenticationHandler.TokenPrefix, StringComparison.Ordinal))
        {
            return PersonalTokenAuthenticationHandler.SchemeName;
        }
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? IdentityConstants.BearerScheme
            : IdentityConstants.ApplicationScheme;
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
