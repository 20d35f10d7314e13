using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IamOps.Server.Tests.Infrastructure;

/// <summary>Endpoints that exist only in one test's app, mapped into the app's own route table like a module's.</summary>
public sealed class ExtraEndpoints(Action<IEndpointRouteBuilder> map) : IEndpointModule
{
    public void Map(IEndpointRouteBuilder endpoints) => map(endpoints);
}

/// <summary>The IamOps app plus endpoints mapped by the test.</summary>
public sealed class IamOpsAppWith(Action<IEndpointRouteBuilder> map) : IamOpsApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IEndpointModule>(new ExtraEndpoints(map)));
    }
}
