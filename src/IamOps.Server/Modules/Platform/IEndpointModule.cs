namespace IamOps.Server.Modules.Platform;

/// <summary>Endpoints registered through DI and mapped with the application's own routes (same pipeline, same route table).</summary>
public interface IEndpointModule
{
    void Map(IEndpointRouteBuilder endpoints);
}

public static class EndpointModules
{
    public static void MapEndpointModules(this WebApplication app)
    {
        foreach (var module in app.Services.GetServices<IEndpointModule>())
        {
            module.Map(app);
        }

        // An unknown API route is a 404 ProblemDetails for every method, never a 405 borrowed from a UI route.
        app.MapFallback("/api/{**path}", () => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
            title: "Not Found", detail: "No API route matches this path.")).ExcludeFromDescription();
    }
}
