using System.Text.Encodings.Web;
using IamOps.Server.Data;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IamOps.Server.Modules.Identity.Sso;

/// <summary>OpenID Connect single sign-on, configured per organisation at run time.</summary>
public static class SsoModule
{
    public static IServiceCollection AddSingleSignOn(this IServiceCollection services)
    {
        services.AddSingleton<SsoSchemes>();
        services.AddSingleton<SsoSecretProtector>();
        services.AddScoped<CompleteSsoSignIn>();
        services.AddSingleton<IConfigureOptions<OpenIdConnectOptions>, ConfigureSsoOptions>();
        // What AddOpenIdConnect would register; the schemes themselves are added on demand by SsoSchemes.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OpenIdConnectOptions>, OpenIdConnectPostConfigureOptions>());
        services.TryAddTransient(sp => new OpenIdConnectHandler(
            sp.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>(), sp.GetRequiredService<ILoggerFactory>(),
            sp.GetService<HtmlEncoder>() ?? HtmlEncoder.Default, sp.GetService<UrlEncoder>() ?? UrlEncoder.Default));
        return services;
    }

    /// <summary>Registers the scheme of an organisation before the authentication middleware looks for its callback.</summary>
    /// <remarks>Must run before <c>UseAuthentication</c>: after a restart, or on another instance, the callback may be the first request to name the organisation.</remarks>
    public static IApplicationBuilder UseSingleSignOnCallbacks(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/signin-oidc", out var rest) && rest.Value is { Length: > 1 } tail)
        {
            var slug = tail[1..].Split('/')[0];
            var db = context.RequestServices.GetRequiredService<IamOpsDb>();
            var scheme = await context.RequestServices.GetRequiredService<SsoSchemes>().EnsureAsync(db, slug, context.RequestAborted);
            if (scheme is null)
            {
                context.Response.Redirect("/login?error=sso");
                return;
            }
        }
        await next(context);
    });

    public static void MapSingleSignOn(this IEndpointRouteBuilder app)
    {
        var settings = app.MapGroup("/api/v1/organisations/{id:guid}/sso").WithTags("Single sign-on").RequireAuthorization();
        GetSsoSettings.Map(settings);
        UpdateSsoSettings.Map(settings);
        StartSsoSignIn.Map(app);
    }
}
