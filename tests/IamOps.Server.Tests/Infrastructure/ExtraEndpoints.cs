using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IamOps.Server.Tests.Infrastructure;

/// <summary>Maps endpoints that exist only in one test's app, behind the app's own pipeline (exception handler,
/// authentication, authorization), so they behave like endpoints of a module.</summary>
public sealed class ExtraEndpoints(Action<IEndpointRouteBuilder> map) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        // Requests the app's own routes did not match fall through to here.
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseEndpoints(map);
    };
}

/// <summary>The IamOps app plus endpoints mapped by the test.</summary>
public sealed class IamOpsAppWith(Action<IEndpointRouteBuilder> map) : IamOpsApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ExtraEndpoints(map)));
    }
}
