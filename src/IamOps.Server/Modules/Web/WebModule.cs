using IamOps.Server.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor.Services;

namespace IamOps.Server.Modules.Web;

/// <summary>The web UI: Blazor components rendered on the server, interactive over a SignalR circuit.</summary>
public static class WebModule
{
    public static IServiceCollection AddWebUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityAuthenticationStateProvider>();
        services.AddScoped<UiData>();
        services.AddScoped<NotificationBell>();
        services.AddMudServices();
        return services;
    }

    public static void MapWebUi(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
