using IamOps.Server.Modules.Platform;
using Microsoft.AspNetCore.Authorization;

namespace IamOps.Server.Modules.Raci;

public static class RaciModule
{
    public static IServiceCollection AddRaci(this IServiceCollection services)
    {
        services.AddScoped<RaciCatalogue>();
        services.AddScoped<RaciGate>();
        services.AddScoped<Contracts.IContractCreatedHandler, AssignCatalogueOnContractCreated>();
        services.AddScoped<IAuthorizationHandler, RaciAuthorizationHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, RaciAuthorizationResultHandler>();
        return services;
    }

    public static void MapRaci(this IEndpointRouteBuilder app)
    {
        var raci = app.MapGroup("/api/v1/raci").WithTags("RACI").RequireAuthorization();
        ListRaciActivities.Map(raci);
        ExplainRaciActivity.Map(raci);

        var contracts = app.MapGroup("/api/v1/contracts").WithTags("RACI").RequireAuthorization();
        GetRaciMatrix.Map(contracts);
        UpdateRaciLetters.Map(contracts.MapGroup("").RequireAuthorization(Policies.ProviderManager));
    }
}
